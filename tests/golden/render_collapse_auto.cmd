render render/fold.xml --collapse-above 10 -T dot -o $OUT/fold.dot

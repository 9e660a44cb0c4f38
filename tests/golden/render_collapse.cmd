render render/fold.xml --collapse -T dot

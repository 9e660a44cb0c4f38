render render/fold.xml --focus p9 --hops 1 --engine dot -T dot

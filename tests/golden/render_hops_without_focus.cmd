render render/fold.xml --hops 3

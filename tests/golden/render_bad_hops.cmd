render render/fold.xml --focus p1 --hops -1

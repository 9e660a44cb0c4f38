render render/fold.xml --focus u1 --hops 1 --collapse --engine dot -T dot

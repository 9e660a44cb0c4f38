render render/fold.xml --collapse --engine dot -T dot

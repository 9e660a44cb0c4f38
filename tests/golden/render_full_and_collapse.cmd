render render/fold.xml --full --collapse

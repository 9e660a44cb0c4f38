render render/fold.xml --collapse-above many

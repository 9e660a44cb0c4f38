check render/special.xml --format junit

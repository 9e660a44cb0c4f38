check render/special.xml --format github

check render/special.xml --format markdown

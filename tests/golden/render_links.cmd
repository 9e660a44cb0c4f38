render render/links.xml --engine dot -T dot

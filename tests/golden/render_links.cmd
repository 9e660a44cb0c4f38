render render/links.xml -T dot

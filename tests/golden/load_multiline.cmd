check load/multiline.xml

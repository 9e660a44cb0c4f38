check load/wrong-root.xml

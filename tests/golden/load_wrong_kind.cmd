check load/wrong-kind.xml

check load/cycle.xml

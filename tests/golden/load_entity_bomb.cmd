check load/entity-bomb.xml

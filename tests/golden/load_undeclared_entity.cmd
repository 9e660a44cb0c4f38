check load/undeclared-entity.xml

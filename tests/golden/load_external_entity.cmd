check load/external-entity.xml

check load/tag-mismatch.xml

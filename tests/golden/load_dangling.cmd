check load/dangling.xml

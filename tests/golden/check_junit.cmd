check cli/two.xml -f junit

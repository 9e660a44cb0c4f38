diff diff/old.xml diff/new.xml -f junit

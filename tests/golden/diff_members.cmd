diff diff/members-old.xml diff/members-new.xml

check - --fail-on never < cli/two.xml

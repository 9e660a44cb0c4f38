render render/fold.xml --focus p99

render render/fold.xml -T json --focus p1

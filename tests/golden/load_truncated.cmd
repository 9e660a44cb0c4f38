check load/truncated.xml

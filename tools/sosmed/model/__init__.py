"""The content model: posts and Q&A forms parsed from files. No network, no git."""

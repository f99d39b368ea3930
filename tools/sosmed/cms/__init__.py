"""The web editor (Decap CMS): its configuration, page and file format, generated from sosmed.yml and the model."""

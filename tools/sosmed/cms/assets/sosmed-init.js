// Decap CMS must wait until sosmed has registered its locale, format and preview.
window.CMS_MANUAL_INIT = true;

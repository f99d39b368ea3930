"""Media intake: photos and videos from folders and WhatsApp chat exports into post bundles
(credited, deduplicated, stripped of location), and their preparation for each platform."""

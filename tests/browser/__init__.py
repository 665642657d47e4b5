"""Tests that drive the widget and the staff page in a real browser (Chromium, through Playwright)."""

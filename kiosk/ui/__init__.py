"""The widgets: the kiosk window, one module per slide kind, transitions and gestures."""

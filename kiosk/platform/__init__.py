"""The kiosk on its machine: fullscreen lockdown, desktop and screensaver, autostart, the
kept first frame, the data lock."""

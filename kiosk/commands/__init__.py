"""The kiosk's commands other than playing the show: each module adds its options and runs them."""

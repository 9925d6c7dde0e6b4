"""The show controller and the helpers it owns: what the show is now, without any widget."""

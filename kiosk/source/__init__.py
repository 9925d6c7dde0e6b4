"""Where the show comes from: the watched content folder, reloads and folder switches."""

"""Stage 3: the fishbone and five-whys editors and their page."""

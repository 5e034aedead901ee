// Anchor translation unit: the shared precompiled header is built for this target.

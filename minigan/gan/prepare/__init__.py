"""Data preparation for a hobbyist's folder of pictures (``examples/prepare_data.py``).

* ``images``: read any picture as RGBA, trim letterbox bars, crop to the object, square it;
* ``borders``: finding bars and backgrounds;
* ``dedupe``: exact and near duplicates by a perceptual hash;
* ``folder``: the whole folder into square PNGs and ``prepared.json``;
* ``report``: ``report.html`` and ``contact_sheet.png``; ``preview``: the augmentation grid.
"""

"""The annual alignment review (年度纠偏): the intended experience held against vision, mission, values and the rest."""

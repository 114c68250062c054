"""tdkt: official Vietnamese emulation-and-reward paperwork (thi đua - khen thưởng), in batch."""

__version__ = "0.1.0"

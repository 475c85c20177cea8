// Packet and frame buffers are always written before they are read; zeroing them costs time per packet.
[module: System.Runtime.CompilerServices.SkipLocalsInit]

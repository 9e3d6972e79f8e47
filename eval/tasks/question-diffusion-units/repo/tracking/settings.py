# Acquisition settings of the TIRF setup (room 2.14)
PIXEL_SIZE = 0.108  # micrometre per pixel (100x objective, 1.2x tube lens)
FRAME_INTERVAL = 50  # milliseconds
MAX_LAG = 4  # frames used for the linear MSD fit

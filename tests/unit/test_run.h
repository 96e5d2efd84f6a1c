/* The run the suites hand the functions that take one (check_main.c). */
#include "base/base.h"

extern struct run	 test_run;

#include <isa-l/igzip_lib.h>
#include <isa-l/crc.h>

/// The level-1 compression buffer size (a macro Swift cannot import).
static inline uint32_t qindex_isal_level1_buffer_size(void) { return ISAL_DEF_LVL1_DEFAULT; }

# The README's two commands.  `make demo`: install what is missing, build,
# render every sample into out/ and print the gap report.  `make test`: the
# same set-up, then the whole test suite (plain, ASan+UBSan and valgrind)
# and a short run of every fuzz target (`make fuzz`; FUZZ_SECONDS each).
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc)
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 20
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRELMAP_WERROR=ON

.PHONY: all deps build build-asan demo test fuzz clean bench

all: build

deps:
	@scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j $(JOBS)

build-asan: deps
	cmake -S . -B $(ASAN_BUILD) $(CMAKE_FLAGS) -DRELMAP_SANITIZE=ON -DRELMAP_VALGRIND=OFF
	cmake --build $(ASAN_BUILD) -j $(JOBS)

demo: build
	@mkdir -p out
	@for f in samples/*.xml; do \
	  n=$$(basename $$f .xml); \
	  $(BUILD)/relmap render $$f -o out/$$n.svg || exit $$?; \
	  $(BUILD)/relmap render $$f -o out/$$n.png || exit $$?; \
	  echo "rendered out/$$n.svg out/$$n.png"; \
	done
	@for f in samples/*.xml; do $(BUILD)/relmap check $$f --fail-on never || exit $$?; done

test: build build-asan
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS) -L 'unit|golden|check'
	$(MAKE) fuzz

# libFuzzer targets (clang, fuzz/), each run FUZZ_SECONDS; fails on any
# crash, leak or sanitizer report.
fuzz: deps
	BUILD_DIR=$(FUZZ_BUILD) JOBS=$(JOBS) scripts/fuzz.sh $(FUZZ_SECONDS)

bench: build
	bench/run.sh $(BUILD)/relmap

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) out

;; Float64 matrix multiply, C[m×n] = A[m×k] · B[k×n], all row-major, with WebAssembly SIMD (f64x2)
;; and fused multiply-add from the Relaxed SIMD proposal (f64x2.relaxed_madd).
;;
;; Why FMA: the micro-kernel below is bound by arithmetic, not memory. Without FMA every f64x2 step is a
;; mul and a dependent add, two instructions for 4 flops; a core issuing two of them per cycle tops out
;; at 4 flops/cycle (8.4 GFLOP/s at this machine's 2.1 GHz). relaxed_madd compiles to one vfmadd on
;; x64 CPUs with FMA3: 4 flops per instruction, up to 8 flops/cycle. Measured here at n = 512:
;; 12–16.6 GFLOP/s with FMA against 8–11.5 with mul + add.
;; relaxed_madd may round once (fused) or twice (mul then add, on CPUs without FMA), so a product can
;; differ in its last bits between hosts; both stay within float64's usual dot-product error bound.
;;
;; One source, two binaries: scripts/assemble-wasm.mjs assembles this text as written
;; (matmul.relaxed-simd.wasm) and, for hosts without Relaxed SIMD, with each relaxed_madd rewritten into
;; f64x2.add + f64x2.mul (matmul.simd.wasm). That rewrite accepts only local.get operands: keep the
;; relaxed_madd calls in that form.
;;
;; Structure (GotoBLAS-style):
;;   for each column block of B (nc wide) and each depth block (kc deep):
;;     pack that block of B into 4-column strips (each strip kc×4, contiguous)
;;     for each row block of A (mc tall):
;;       pack that block of A into 6-row strips (each strip kc×6, interleaved by row)
;;       for every (4-column strip, 6-row strip) pair: the 6×4 micro-kernel adds A_strip·B_strip to C.
;; The micro-kernel keeps the 6×4 tile of C in twelve f64x2 accumulators for the whole depth block;
;; each step of its inner loop does 2 vector loads of B, 6 broadcasts of A and 12 f64x2 multiply-adds.
;; Twelve accumulators + two B vectors + one A broadcast = 15 vector registers: as many as V8 gives
;; wasm on x64 without spilling (a 6×4 tile measured ~1.4× faster than 4×4 here).
;; Packing zero-pads the ragged edges, so the micro-kernel always runs full tiles; only the final
;; store into C looks at the true tile size.
;;
;; All pointers are byte offsets into the imported memory; the caller (matmul-wasm.ts) lays out
;; A, B, C and the scratch areas and grows the memory. Every pointer is 16-byte aligned.
;;
;; The memory is shared (threads proposal) so that several threads can run this module on one copy
;; of A and B: each thread instantiates the module on the same memory and computes its own band of
;; C's rows with its own scratch areas (see kernel-thread.ts). Shared memories need a maximum:
;; 32768 pages = 2 GiB, where the kernel's signed i32 comparisons would stop being valid anyway.

(module
  (import "env" "memory" (memory 1 32768 shared))

  ;; Pack B[pc..pc+kc, jc..jc+nc] into strips of 4 columns: dst[(strip*kc + p)*4 + t], zero-padded.
  (func $packB (param $b i32) (param $n i32) (param $pc i32) (param $kc i32)
                (param $jc i32) (param $nc i32) (param $dst i32)
    (local $col i32) (local $colEnd i32) (local $width i32) (local $p i32) (local $src i32) (local $t i32)
    (local.set $col (local.get $jc))
    (local.set $colEnd (i32.add (local.get $jc) (local.get $nc)))
    (block $stripsDone
      (loop $strips
        (br_if $stripsDone (i32.ge_s (local.get $col) (local.get $colEnd)))
        (local.set $width (i32.sub (local.get $colEnd) (local.get $col)))
        (local.set $p (i32.const 0))
        ;; src = b + ((pc*n) + col)*8, advanced by one row (n*8 bytes) per step of p
        (local.set $src (i32.add (local.get $b)
          (i32.shl (i32.add (i32.mul (local.get $pc) (local.get $n)) (local.get $col)) (i32.const 3))))
        (if (i32.ge_s (local.get $width) (i32.const 4))
          (then
            (block $rowsDone
              (loop $rows
                (br_if $rowsDone (i32.ge_s (local.get $p) (local.get $kc)))
                (v128.store (local.get $dst) (v128.load (local.get $src)))
                (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $src)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
                (local.set $src (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 3))))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $rows))))
          (else
            (block $rowsDone
              (loop $rows
                (br_if $rowsDone (i32.ge_s (local.get $p) (local.get $kc)))
                (v128.store (local.get $dst) (v128.const f64x2 0 0))
                (v128.store offset=16 (local.get $dst) (v128.const f64x2 0 0))
                (local.set $t (i32.const 0))
                (block $colsDone
                  (loop $cols
                    (br_if $colsDone (i32.ge_s (local.get $t) (local.get $width)))
                    (f64.store
                      (i32.add (local.get $dst) (i32.shl (local.get $t) (i32.const 3)))
                      (f64.load (i32.add (local.get $src) (i32.shl (local.get $t) (i32.const 3)))))
                    (local.set $t (i32.add (local.get $t) (i32.const 1)))
                    (br $cols)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
                (local.set $src (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 3))))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $rows)))))
        (local.set $col (i32.add (local.get $col) (i32.const 4)))
        (br $strips))))

  ;; Pack A[ic..ic+mc, pc..pc+kc] into strips of 6 rows: dst[(strip*kc + p)*6 + r], zero-padded.
  (func $packA (param $a i32) (param $k i32) (param $ic i32) (param $mc i32)
                (param $pc i32) (param $kc i32) (param $dst i32)
    (local $row i32) (local $rowEnd i32) (local $height i32) (local $p i32) (local $r i32)
    (local $src i32) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $k) (i32.const 3)))
    (local.set $row (local.get $ic))
    (local.set $rowEnd (i32.add (local.get $ic) (local.get $mc)))
    (block $stripsDone
      (loop $strips
        (br_if $stripsDone (i32.ge_s (local.get $row) (local.get $rowEnd)))
        (local.set $height (i32.sub (local.get $rowEnd) (local.get $row)))
        ;; src = a + (row*k + pc)*8: element (row, pc); the strip's other rows are rowBytes apart
        (local.set $src (i32.add (local.get $a)
          (i32.shl (i32.add (i32.mul (local.get $row) (local.get $k)) (local.get $pc)) (i32.const 3))))
        (local.set $p (i32.const 0))
        (if (i32.ge_s (local.get $height) (i32.const 6))
          (then
            (block $depthDone
              (loop $depth
                (br_if $depthDone (i32.ge_s (local.get $p) (local.get $kc)))
                (f64.store offset=0 (local.get $dst) (f64.load (local.get $src)))
                (f64.store offset=8 (local.get $dst)
                  (f64.load (i32.add (local.get $src) (local.get $rowBytes))))
                (f64.store offset=16 (local.get $dst)
                  (f64.load (i32.add (local.get $src) (i32.mul (local.get $rowBytes) (i32.const 2)))))
                (f64.store offset=24 (local.get $dst)
                  (f64.load (i32.add (local.get $src) (i32.mul (local.get $rowBytes) (i32.const 3)))))
                (f64.store offset=32 (local.get $dst)
                  (f64.load (i32.add (local.get $src) (i32.mul (local.get $rowBytes) (i32.const 4)))))
                (f64.store offset=40 (local.get $dst)
                  (f64.load (i32.add (local.get $src) (i32.mul (local.get $rowBytes) (i32.const 5)))))
                (local.set $dst (i32.add (local.get $dst) (i32.const 48)))
                (local.set $src (i32.add (local.get $src) (i32.const 8)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $depth))))
          (else
            (block $depthDone
              (loop $depth
                (br_if $depthDone (i32.ge_s (local.get $p) (local.get $kc)))
                (v128.store offset=0 (local.get $dst) (v128.const f64x2 0 0))
                (v128.store offset=16 (local.get $dst) (v128.const f64x2 0 0))
                (v128.store offset=32 (local.get $dst) (v128.const f64x2 0 0))
                (local.set $r (i32.const 0))
                (block $rowsDone
                  (loop $rows
                    (br_if $rowsDone (i32.ge_s (local.get $r) (local.get $height)))
                    (f64.store
                      (i32.add (local.get $dst) (i32.shl (local.get $r) (i32.const 3)))
                      (f64.load (i32.add (local.get $src) (i32.mul (local.get $r) (local.get $rowBytes)))))
                    (local.set $r (i32.add (local.get $r) (i32.const 1)))
                    (br $rows)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 48)))
                (local.set $src (i32.add (local.get $src) (i32.const 8)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $depth)))))
        (local.set $row (i32.add (local.get $row) (i32.const 6)))
        (br $strips))))

  ;; C[0..height, 0..width] += Astrip · Bstrip over kc steps (strips packed: kc×6 of A, kc×4 of B).
  ;; ldc is C's row stride in bytes; tile is 192 bytes of scratch for tiles narrower than 4 columns.
  (func $microKernel (param $kc i32) (param $ap i32) (param $bp i32) (param $c i32) (param $ldc i32)
                     (param $height i32) (param $width i32) (param $tile i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $c40 v128) (local $c41 v128) (local $c50 v128) (local $c51 v128)
    (local $b0 v128) (local $b1 v128) (local $av v128)
    (local $bEnd i32) (local $r i32) (local $t i32) (local $dst i32)
    ;; the caller passes the rows/columns left in the block; a tile covers at most 6 and 4 of them
    (if (i32.gt_s (local.get $height) (i32.const 6)) (then (local.set $height (i32.const 6))))
    (if (i32.gt_s (local.get $width) (i32.const 4)) (then (local.set $width (i32.const 4))))
    ;; one step = 48 bytes of the A strip and 32 of the B strip
    (local.set $bEnd (i32.add (local.get $bp) (i32.shl (local.get $kc) (i32.const 5))))
    (block $stepsDone
      (loop $steps
        (br_if $stepsDone (i32.ge_u (local.get $bp) (local.get $bEnd)))
        (local.set $b0 (v128.load (local.get $bp)))
        (local.set $b1 (v128.load offset=16 (local.get $bp)))
        (local.set $av (v128.load64_splat offset=0 (local.get $ap)))
        (local.set $c00 (f64x2.relaxed_madd (local.get $av) (local.get $b0) (local.get $c00)))
        (local.set $c01 (f64x2.relaxed_madd (local.get $av) (local.get $b1) (local.get $c01)))
        (local.set $av (v128.load64_splat offset=8 (local.get $ap)))
        (local.set $c10 (f64x2.relaxed_madd (local.get $av) (local.get $b0) (local.get $c10)))
        (local.set $c11 (f64x2.relaxed_madd (local.get $av) (local.get $b1) (local.get $c11)))
        (local.set $av (v128.load64_splat offset=16 (local.get $ap)))
        (local.set $c20 (f64x2.relaxed_madd (local.get $av) (local.get $b0) (local.get $c20)))
        (local.set $c21 (f64x2.relaxed_madd (local.get $av) (local.get $b1) (local.get $c21)))
        (local.set $av (v128.load64_splat offset=24 (local.get $ap)))
        (local.set $c30 (f64x2.relaxed_madd (local.get $av) (local.get $b0) (local.get $c30)))
        (local.set $c31 (f64x2.relaxed_madd (local.get $av) (local.get $b1) (local.get $c31)))
        (local.set $av (v128.load64_splat offset=32 (local.get $ap)))
        (local.set $c40 (f64x2.relaxed_madd (local.get $av) (local.get $b0) (local.get $c40)))
        (local.set $c41 (f64x2.relaxed_madd (local.get $av) (local.get $b1) (local.get $c41)))
        (local.set $av (v128.load64_splat offset=40 (local.get $ap)))
        (local.set $c50 (f64x2.relaxed_madd (local.get $av) (local.get $b0) (local.get $c50)))
        (local.set $c51 (f64x2.relaxed_madd (local.get $av) (local.get $b1) (local.get $c51)))
        (local.set $ap (i32.add (local.get $ap) (i32.const 48)))
        (local.set $bp (i32.add (local.get $bp) (i32.const 32)))
        (br $steps)))
    (if (i32.eq (local.get $width) (i32.const 4))
      (then
        ;; full-width rows (the common case): add whole rows until the tile's height runs out
        (block $stored
          (v128.store (local.get $c) (f64x2.add (v128.load (local.get $c)) (local.get $c00)))
          (v128.store offset=16 (local.get $c) (f64x2.add (v128.load offset=16 (local.get $c)) (local.get $c01)))
          (br_if $stored (i32.le_s (local.get $height) (i32.const 1)))
          (local.set $c (i32.add (local.get $c) (local.get $ldc)))
          (v128.store (local.get $c) (f64x2.add (v128.load (local.get $c)) (local.get $c10)))
          (v128.store offset=16 (local.get $c) (f64x2.add (v128.load offset=16 (local.get $c)) (local.get $c11)))
          (br_if $stored (i32.le_s (local.get $height) (i32.const 2)))
          (local.set $c (i32.add (local.get $c) (local.get $ldc)))
          (v128.store (local.get $c) (f64x2.add (v128.load (local.get $c)) (local.get $c20)))
          (v128.store offset=16 (local.get $c) (f64x2.add (v128.load offset=16 (local.get $c)) (local.get $c21)))
          (br_if $stored (i32.le_s (local.get $height) (i32.const 3)))
          (local.set $c (i32.add (local.get $c) (local.get $ldc)))
          (v128.store (local.get $c) (f64x2.add (v128.load (local.get $c)) (local.get $c30)))
          (v128.store offset=16 (local.get $c) (f64x2.add (v128.load offset=16 (local.get $c)) (local.get $c31)))
          (br_if $stored (i32.le_s (local.get $height) (i32.const 4)))
          (local.set $c (i32.add (local.get $c) (local.get $ldc)))
          (v128.store (local.get $c) (f64x2.add (v128.load (local.get $c)) (local.get $c40)))
          (v128.store offset=16 (local.get $c) (f64x2.add (v128.load offset=16 (local.get $c)) (local.get $c41)))
          (br_if $stored (i32.le_s (local.get $height) (i32.const 5)))
          (local.set $c (i32.add (local.get $c) (local.get $ldc)))
          (v128.store (local.get $c) (f64x2.add (v128.load (local.get $c)) (local.get $c50)))
          (v128.store offset=16 (local.get $c) (f64x2.add (v128.load offset=16 (local.get $c)) (local.get $c51)))
        ))
      (else
        ;; narrow tile at the right edge: spill the accumulators, add only the columns that exist
        (v128.store offset=0 (local.get $tile) (local.get $c00))
        (v128.store offset=16 (local.get $tile) (local.get $c01))
        (v128.store offset=32 (local.get $tile) (local.get $c10))
        (v128.store offset=48 (local.get $tile) (local.get $c11))
        (v128.store offset=64 (local.get $tile) (local.get $c20))
        (v128.store offset=80 (local.get $tile) (local.get $c21))
        (v128.store offset=96 (local.get $tile) (local.get $c30))
        (v128.store offset=112 (local.get $tile) (local.get $c31))
        (v128.store offset=128 (local.get $tile) (local.get $c40))
        (v128.store offset=144 (local.get $tile) (local.get $c41))
        (v128.store offset=160 (local.get $tile) (local.get $c50))
        (v128.store offset=176 (local.get $tile) (local.get $c51))
        (local.set $r (i32.const 0))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_s (local.get $r) (local.get $height)))
            (local.set $t (i32.const 0))
            (block $colsDone
              (loop $cols
                (br_if $colsDone (i32.ge_s (local.get $t) (local.get $width)))
                (local.set $dst (i32.add (local.get $c) (i32.shl (local.get $t) (i32.const 3))))
                (f64.store (local.get $dst)
                  (f64.add (f64.load (local.get $dst))
                    (f64.load (i32.add (local.get $tile)
                      (i32.shl (i32.add (i32.shl (local.get $r) (i32.const 2)) (local.get $t)) (i32.const 3))))))
                (local.set $t (i32.add (local.get $t) (i32.const 1)))
                (br $cols)))
            (local.set $c (i32.add (local.get $c) (local.get $ldc)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $rows))))))

  ;; C = A · B. packA needs mc*kc*8 bytes (mc rounded up to 6), packB kc*nc*8 (nc rounded up to 4),
  ;; tile 192 bytes. mc must be a multiple of 6 and nc of 4. C is overwritten.
  (func (export "matmul") (param $a i32) (param $b i32) (param $c i32)
        (param $m i32) (param $k i32) (param $n i32)
        (param $packA i32) (param $packB i32) (param $tile i32)
        (param $mc i32) (param $kc i32) (param $nc i32)
    (local $jc i32) (local $pc i32) (local $ic i32) (local $jr i32) (local $ir i32)
    (local $ncb i32) (local $kcb i32) (local $mcb i32) (local $ldc i32) (local $stripA i32) (local $stripB i32)
    (memory.fill (local.get $c) (i32.const 0) (i32.shl (i32.mul (local.get $m) (local.get $n)) (i32.const 3)))
    (local.set $ldc (i32.shl (local.get $n) (i32.const 3)))
    (local.set $jc (i32.const 0))
    (block $jcDone
      (loop $jcLoop
        (br_if $jcDone (i32.ge_s (local.get $jc) (local.get $n)))
        (local.set $ncb (select (local.get $nc) (i32.sub (local.get $n) (local.get $jc))
          (i32.lt_s (local.get $nc) (i32.sub (local.get $n) (local.get $jc)))))
        (local.set $pc (i32.const 0))
        (block $pcDone
          (loop $pcLoop
            (br_if $pcDone (i32.ge_s (local.get $pc) (local.get $k)))
            (local.set $kcb (select (local.get $kc) (i32.sub (local.get $k) (local.get $pc))
              (i32.lt_s (local.get $kc) (i32.sub (local.get $k) (local.get $pc)))))
            ;; one packed strip: kcb*6 doubles of A (kcb*48 bytes), kcb*4 doubles of B (kcb*32 bytes)
            (local.set $stripA (i32.mul (local.get $kcb) (i32.const 48)))
            (local.set $stripB (i32.shl (local.get $kcb) (i32.const 5)))
            (call $packB (local.get $b) (local.get $n) (local.get $pc) (local.get $kcb)
                         (local.get $jc) (local.get $ncb) (local.get $packB))
            (local.set $ic (i32.const 0))
            (block $icDone
              (loop $icLoop
                (br_if $icDone (i32.ge_s (local.get $ic) (local.get $m)))
                (local.set $mcb (select (local.get $mc) (i32.sub (local.get $m) (local.get $ic))
                  (i32.lt_s (local.get $mc) (i32.sub (local.get $m) (local.get $ic)))))
                (call $packA (local.get $a) (local.get $k) (local.get $ic) (local.get $mcb)
                             (local.get $pc) (local.get $kcb) (local.get $packA))
                (local.set $jr (i32.const 0))
                (block $jrDone
                  (loop $jrLoop
                    (br_if $jrDone (i32.ge_s (local.get $jr) (local.get $ncb)))
                    (local.set $ir (i32.const 0))
                    (block $irDone
                      (loop $irLoop
                        (br_if $irDone (i32.ge_s (local.get $ir) (local.get $mcb)))
                        (call $microKernel
                          (local.get $kcb)
                          (i32.add (local.get $packA) (i32.mul (i32.div_u (local.get $ir) (i32.const 6)) (local.get $stripA)))
                          (i32.add (local.get $packB) (i32.mul (i32.shr_u (local.get $jr) (i32.const 2)) (local.get $stripB)))
                          ;; &C[ic+ir, jc+jr]
                          (i32.add (local.get $c)
                            (i32.shl
                              (i32.add (i32.mul (i32.add (local.get $ic) (local.get $ir)) (local.get $n))
                                       (i32.add (local.get $jc) (local.get $jr)))
                              (i32.const 3)))
                          (local.get $ldc)
                          (i32.sub (local.get $mcb) (local.get $ir))
                          (i32.sub (local.get $ncb) (local.get $jr))
                          (local.get $tile))
                        (local.set $ir (i32.add (local.get $ir) (i32.const 6)))
                        (br $irLoop)))
                    (local.set $jr (i32.add (local.get $jr) (i32.const 4)))
                    (br $jrLoop)))
                (local.set $ic (i32.add (local.get $ic) (local.get $mc)))
                (br $icLoop)))
            (local.set $pc (i32.add (local.get $pc) (local.get $kc)))
            (br $pcLoop)))
        (local.set $jc (i32.add (local.get $jc) (local.get $nc)))
        (br $jcLoop))))
)

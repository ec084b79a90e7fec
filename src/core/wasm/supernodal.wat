;; Multifrontal numeric LDLᵀ (the body of SupernodalLdlt.factor) in WebAssembly, f64 with f64x2 SIMD.
;;
;; Why: on small and medium meshes the factorisation is thousands of tiny dense fronts, where the JavaScript
;; kernel runs at about Eigen's speed per operation and a cold worker interprets it until V8 has compiled it.
;; Here one call factors the whole matrix (no call per supernode), the loops over rows go two at a time in
;; f64x2 lanes, and the module is compiled when it is instantiated.
;;
;; It performs exactly the JavaScript kernel's floating-point operations in the same order (each lane of an
;; f64x2 operation is the IEEE operation of the scalar code; no fused multiply-adds), so both give the same
;; bits; test/core/sparse/supernodalWasm.test.ts checks that.
;;
;; All pointers are byte offsets into the module's memory (one instance per factorisation, grown once to
;; fit). Front columns are addressed by the byte address of their row 0; `o`/`end` are byte offsets of
;; rows inside a column.
(module
  (memory (export "memory") 1)

  ;; x[o..end) -= ((l0·a0 + l1·a1) + l2·a2) + l3·a3 and y[o..end) -= ((l0·b0 + l1·b1) + l2·b2) + l3·b3.
  (func $update2x4
    (param $x i32) (param $y i32) (param $l0 i32) (param $l1 i32) (param $l2 i32) (param $l3 i32)
    (param $a0 f64) (param $a1 f64) (param $a2 f64) (param $a3 f64)
    (param $b0 f64) (param $b1 f64) (param $b2 f64) (param $b3 f64)
    (param $o i32) (param $end i32)
    (local $va0 v128) (local $va1 v128) (local $va2 v128) (local $va3 v128)
    (local $vb0 v128) (local $vb1 v128) (local $vb2 v128) (local $vb3 v128)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64)
    (local.set $va0 (f64x2.splat (local.get $a0)))
    (local.set $va1 (f64x2.splat (local.get $a1)))
    (local.set $va2 (f64x2.splat (local.get $a2)))
    (local.set $va3 (f64x2.splat (local.get $a3)))
    (local.set $vb0 (f64x2.splat (local.get $b0)))
    (local.set $vb1 (f64x2.splat (local.get $b1)))
    (local.set $vb2 (f64x2.splat (local.get $b2)))
    (local.set $vb3 (f64x2.splat (local.get $b3)))
    (block $done
      (loop $rows
        (br_if $done (i32.gt_s (i32.add (local.get $o) (i32.const 16)) (local.get $end)))
        (local.set $v0 (v128.load align=8 (i32.add (local.get $l0) (local.get $o))))
        (local.set $v1 (v128.load align=8 (i32.add (local.get $l1) (local.get $o))))
        (local.set $v2 (v128.load align=8 (i32.add (local.get $l2) (local.get $o))))
        (local.set $v3 (v128.load align=8 (i32.add (local.get $l3) (local.get $o))))
        (v128.store align=8 (i32.add (local.get $x) (local.get $o))
          (f64x2.sub (v128.load align=8 (i32.add (local.get $x) (local.get $o)))
            (f64x2.add
              (f64x2.add
                (f64x2.add (f64x2.mul (local.get $v0) (local.get $va0)) (f64x2.mul (local.get $v1) (local.get $va1)))
                (f64x2.mul (local.get $v2) (local.get $va2)))
              (f64x2.mul (local.get $v3) (local.get $va3)))))
        (v128.store align=8 (i32.add (local.get $y) (local.get $o))
          (f64x2.sub (v128.load align=8 (i32.add (local.get $y) (local.get $o)))
            (f64x2.add
              (f64x2.add
                (f64x2.add (f64x2.mul (local.get $v0) (local.get $vb0)) (f64x2.mul (local.get $v1) (local.get $vb1)))
                (f64x2.mul (local.get $v2) (local.get $vb2)))
              (f64x2.mul (local.get $v3) (local.get $vb3)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $rows)))
    (if (i32.lt_s (local.get $o) (local.get $end))
      (then
        (local.set $s0 (f64.load (i32.add (local.get $l0) (local.get $o))))
        (local.set $s1 (f64.load (i32.add (local.get $l1) (local.get $o))))
        (local.set $s2 (f64.load (i32.add (local.get $l2) (local.get $o))))
        (local.set $s3 (f64.load (i32.add (local.get $l3) (local.get $o))))
        (f64.store (i32.add (local.get $x) (local.get $o))
          (f64.sub (f64.load (i32.add (local.get $x) (local.get $o)))
            (f64.add
              (f64.add
                (f64.add (f64.mul (local.get $s0) (local.get $a0)) (f64.mul (local.get $s1) (local.get $a1)))
                (f64.mul (local.get $s2) (local.get $a2)))
              (f64.mul (local.get $s3) (local.get $a3)))))
        (f64.store (i32.add (local.get $y) (local.get $o))
          (f64.sub (f64.load (i32.add (local.get $y) (local.get $o)))
            (f64.add
              (f64.add
                (f64.add (f64.mul (local.get $s0) (local.get $b0)) (f64.mul (local.get $s1) (local.get $b1)))
                (f64.mul (local.get $s2) (local.get $b2)))
              (f64.mul (local.get $s3) (local.get $b3))))))))

  ;; As update2x4 with three pivot columns: x -= (l0·a0 + l1·a1) + l2·a2, y likewise.
  (func $update2x3
    (param $x i32) (param $y i32) (param $l0 i32) (param $l1 i32) (param $l2 i32)
    (param $a0 f64) (param $a1 f64) (param $a2 f64) (param $b0 f64) (param $b1 f64) (param $b2 f64)
    (param $o i32) (param $end i32)
    (local $va0 v128) (local $va1 v128) (local $va2 v128) (local $vb0 v128) (local $vb1 v128) (local $vb2 v128)
    (local $v0 v128) (local $v1 v128) (local $v2 v128)
    (local $s0 f64) (local $s1 f64) (local $s2 f64)
    (local.set $va0 (f64x2.splat (local.get $a0)))
    (local.set $va1 (f64x2.splat (local.get $a1)))
    (local.set $va2 (f64x2.splat (local.get $a2)))
    (local.set $vb0 (f64x2.splat (local.get $b0)))
    (local.set $vb1 (f64x2.splat (local.get $b1)))
    (local.set $vb2 (f64x2.splat (local.get $b2)))
    (block $done
      (loop $rows
        (br_if $done (i32.gt_s (i32.add (local.get $o) (i32.const 16)) (local.get $end)))
        (local.set $v0 (v128.load align=8 (i32.add (local.get $l0) (local.get $o))))
        (local.set $v1 (v128.load align=8 (i32.add (local.get $l1) (local.get $o))))
        (local.set $v2 (v128.load align=8 (i32.add (local.get $l2) (local.get $o))))
        (v128.store align=8 (i32.add (local.get $x) (local.get $o))
          (f64x2.sub (v128.load align=8 (i32.add (local.get $x) (local.get $o)))
            (f64x2.add
              (f64x2.add (f64x2.mul (local.get $v0) (local.get $va0)) (f64x2.mul (local.get $v1) (local.get $va1)))
              (f64x2.mul (local.get $v2) (local.get $va2)))))
        (v128.store align=8 (i32.add (local.get $y) (local.get $o))
          (f64x2.sub (v128.load align=8 (i32.add (local.get $y) (local.get $o)))
            (f64x2.add
              (f64x2.add (f64x2.mul (local.get $v0) (local.get $vb0)) (f64x2.mul (local.get $v1) (local.get $vb1)))
              (f64x2.mul (local.get $v2) (local.get $vb2)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $rows)))
    (if (i32.lt_s (local.get $o) (local.get $end))
      (then
        (local.set $s0 (f64.load (i32.add (local.get $l0) (local.get $o))))
        (local.set $s1 (f64.load (i32.add (local.get $l1) (local.get $o))))
        (local.set $s2 (f64.load (i32.add (local.get $l2) (local.get $o))))
        (f64.store (i32.add (local.get $x) (local.get $o))
          (f64.sub (f64.load (i32.add (local.get $x) (local.get $o)))
            (f64.add
              (f64.add (f64.mul (local.get $s0) (local.get $a0)) (f64.mul (local.get $s1) (local.get $a1)))
              (f64.mul (local.get $s2) (local.get $a2)))))
        (f64.store (i32.add (local.get $y) (local.get $o))
          (f64.sub (f64.load (i32.add (local.get $y) (local.get $o)))
            (f64.add
              (f64.add (f64.mul (local.get $s0) (local.get $b0)) (f64.mul (local.get $s1) (local.get $b1)))
              (f64.mul (local.get $s2) (local.get $b2))))))))

  ;; x -= l0·a0 + l1·a1, y -= l0·b0 + l1·b1.
  (func $update2x2
    (param $x i32) (param $y i32) (param $l0 i32) (param $l1 i32)
    (param $a0 f64) (param $a1 f64) (param $b0 f64) (param $b1 f64)
    (param $o i32) (param $end i32)
    (local $va0 v128) (local $va1 v128) (local $vb0 v128) (local $vb1 v128)
    (local $v0 v128) (local $v1 v128) (local $s0 f64) (local $s1 f64)
    (local.set $va0 (f64x2.splat (local.get $a0)))
    (local.set $va1 (f64x2.splat (local.get $a1)))
    (local.set $vb0 (f64x2.splat (local.get $b0)))
    (local.set $vb1 (f64x2.splat (local.get $b1)))
    (block $done
      (loop $rows
        (br_if $done (i32.gt_s (i32.add (local.get $o) (i32.const 16)) (local.get $end)))
        (local.set $v0 (v128.load align=8 (i32.add (local.get $l0) (local.get $o))))
        (local.set $v1 (v128.load align=8 (i32.add (local.get $l1) (local.get $o))))
        (v128.store align=8 (i32.add (local.get $x) (local.get $o))
          (f64x2.sub (v128.load align=8 (i32.add (local.get $x) (local.get $o)))
            (f64x2.add (f64x2.mul (local.get $v0) (local.get $va0)) (f64x2.mul (local.get $v1) (local.get $va1)))))
        (v128.store align=8 (i32.add (local.get $y) (local.get $o))
          (f64x2.sub (v128.load align=8 (i32.add (local.get $y) (local.get $o)))
            (f64x2.add (f64x2.mul (local.get $v0) (local.get $vb0)) (f64x2.mul (local.get $v1) (local.get $vb1)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $rows)))
    (if (i32.lt_s (local.get $o) (local.get $end))
      (then
        (local.set $s0 (f64.load (i32.add (local.get $l0) (local.get $o))))
        (local.set $s1 (f64.load (i32.add (local.get $l1) (local.get $o))))
        (f64.store (i32.add (local.get $x) (local.get $o))
          (f64.sub (f64.load (i32.add (local.get $x) (local.get $o)))
            (f64.add (f64.mul (local.get $s0) (local.get $a0)) (f64.mul (local.get $s1) (local.get $a1)))))
        (f64.store (i32.add (local.get $y) (local.get $o))
          (f64.sub (f64.load (i32.add (local.get $y) (local.get $o)))
            (f64.add (f64.mul (local.get $s0) (local.get $b0)) (f64.mul (local.get $s1) (local.get $b1))))))))

  ;; x -= l0·a0, y -= l0·b0.
  (func $update2x1
    (param $x i32) (param $y i32) (param $l0 i32) (param $a0 f64) (param $b0 f64)
    (param $o i32) (param $end i32)
    (local $va0 v128) (local $vb0 v128) (local $v0 v128) (local $s0 f64)
    (local.set $va0 (f64x2.splat (local.get $a0)))
    (local.set $vb0 (f64x2.splat (local.get $b0)))
    (block $done
      (loop $rows
        (br_if $done (i32.gt_s (i32.add (local.get $o) (i32.const 16)) (local.get $end)))
        (local.set $v0 (v128.load align=8 (i32.add (local.get $l0) (local.get $o))))
        (v128.store align=8 (i32.add (local.get $x) (local.get $o))
          (f64x2.sub (v128.load align=8 (i32.add (local.get $x) (local.get $o)))
            (f64x2.mul (local.get $v0) (local.get $va0))))
        (v128.store align=8 (i32.add (local.get $y) (local.get $o))
          (f64x2.sub (v128.load align=8 (i32.add (local.get $y) (local.get $o)))
            (f64x2.mul (local.get $v0) (local.get $vb0))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $rows)))
    (if (i32.lt_s (local.get $o) (local.get $end))
      (then
        (local.set $s0 (f64.load (i32.add (local.get $l0) (local.get $o))))
        (f64.store (i32.add (local.get $x) (local.get $o))
          (f64.sub (f64.load (i32.add (local.get $x) (local.get $o))) (f64.mul (local.get $s0) (local.get $a0))))
        (f64.store (i32.add (local.get $y) (local.get $o))
          (f64.sub (f64.load (i32.add (local.get $y) (local.get $o))) (f64.mul (local.get $s0) (local.get $b0)))))))

  ;; x -= ((l0·a0 + l1·a1) + l2·a2) + l3·a3 (one target column).
  (func $update1x4
    (param $x i32) (param $l0 i32) (param $l1 i32) (param $l2 i32) (param $l3 i32)
    (param $a0 f64) (param $a1 f64) (param $a2 f64) (param $a3 f64)
    (param $o i32) (param $end i32)
    (local $va0 v128) (local $va1 v128) (local $va2 v128) (local $va3 v128)
    (local.set $va0 (f64x2.splat (local.get $a0)))
    (local.set $va1 (f64x2.splat (local.get $a1)))
    (local.set $va2 (f64x2.splat (local.get $a2)))
    (local.set $va3 (f64x2.splat (local.get $a3)))
    (block $done
      (loop $rows
        (br_if $done (i32.gt_s (i32.add (local.get $o) (i32.const 16)) (local.get $end)))
        (v128.store align=8 (i32.add (local.get $x) (local.get $o))
          (f64x2.sub (v128.load align=8 (i32.add (local.get $x) (local.get $o)))
            (f64x2.add
              (f64x2.add
                (f64x2.add
                  (f64x2.mul (v128.load align=8 (i32.add (local.get $l0) (local.get $o))) (local.get $va0))
                  (f64x2.mul (v128.load align=8 (i32.add (local.get $l1) (local.get $o))) (local.get $va1)))
                (f64x2.mul (v128.load align=8 (i32.add (local.get $l2) (local.get $o))) (local.get $va2)))
              (f64x2.mul (v128.load align=8 (i32.add (local.get $l3) (local.get $o))) (local.get $va3)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $rows)))
    (if (i32.lt_s (local.get $o) (local.get $end))
      (then
        (f64.store (i32.add (local.get $x) (local.get $o))
          (f64.sub (f64.load (i32.add (local.get $x) (local.get $o)))
            (f64.add
              (f64.add
                (f64.add
                  (f64.mul (f64.load (i32.add (local.get $l0) (local.get $o))) (local.get $a0))
                  (f64.mul (f64.load (i32.add (local.get $l1) (local.get $o))) (local.get $a1)))
                (f64.mul (f64.load (i32.add (local.get $l2) (local.get $o))) (local.get $a2)))
              (f64.mul (f64.load (i32.add (local.get $l3) (local.get $o))) (local.get $a3))))))))

  ;; x -= l0·a0 (one target column, one pivot column).
  (func $update1x1 (param $x i32) (param $l0 i32) (param $a0 f64) (param $o i32) (param $end i32)
    (local $va0 v128)
    (local.set $va0 (f64x2.splat (local.get $a0)))
    (block $done
      (loop $rows
        (br_if $done (i32.gt_s (i32.add (local.get $o) (i32.const 16)) (local.get $end)))
        (v128.store align=8 (i32.add (local.get $x) (local.get $o))
          (f64x2.sub (v128.load align=8 (i32.add (local.get $x) (local.get $o)))
            (f64x2.mul (v128.load align=8 (i32.add (local.get $l0) (local.get $o))) (local.get $va0))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $rows)))
    (if (i32.lt_s (local.get $o) (local.get $end))
      (then
        (f64.store (i32.add (local.get $x) (local.get $o))
          (f64.sub (f64.load (i32.add (local.get $x) (local.get $o)))
            (f64.mul (f64.load (i32.add (local.get $l0) (local.get $o))) (local.get $a0)))))))

  ;; x[o..end) *= s.
  (func $scale (param $x i32) (param $s f64) (param $o i32) (param $end i32)
    (local $vs v128)
    (local.set $vs (f64x2.splat (local.get $s)))
    (block $done
      (loop $rows
        (br_if $done (i32.gt_s (i32.add (local.get $o) (i32.const 16)) (local.get $end)))
        (v128.store align=8 (i32.add (local.get $x) (local.get $o))
          (f64x2.mul (v128.load align=8 (i32.add (local.get $x) (local.get $o))) (local.get $vs)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $rows)))
    (if (i32.lt_s (local.get $o) (local.get $end))
      (then
        (f64.store (i32.add (local.get $x) (local.get $o))
          (f64.mul (f64.load (i32.add (local.get $x) (local.get $o))) (local.get $s))))))

  ;; A pivot is usable when it is positive and finite (NaN fails both tests).
  (func $usable (param $p f64) (result i32)
    (i32.and (f64.gt (local.get $p) (f64.const 0)) (f64.lt (local.get $p) (f64.const inf))))

  ;; Dense LDLᵀ of the w pivot columns of the m×m column-major front at $front, left-looking, pivot columns
  ;; in pairs (SupernodalLdlt.ts factorPivots, operation for operation). $d: the pivots' d (byte address of
  ;; d[first column]). Returns −1, or the front column whose pivot is not positive and finite.
  (func $factorPivots (param $front i32) (param $d i32) (param $m i32) (param $w i32) (result i32)
    (local $k i32) (local $j i32) (local $pair i32) (local $col i32) (local $ka i32) (local $kb i32)
    (local $j0 i32) (local $j1 i32) (local $j2 i32) (local $j3 i32)
    (local $d0 f64) (local $d1 f64) (local $d2 f64) (local $d3 f64)
    (local $a0 f64) (local $a1 f64) (local $a2 f64) (local $a3 f64)
    (local $rk i32) (local $end i32) (local $dk f64) (local $c f64)
    (local.set $col (i32.shl (local.get $m) (i32.const 3)))
    (local.set $end (local.get $col))
    (local.set $k (i32.const 0))
    (block $pivotsDone
      (loop $pivots
        (br_if $pivotsDone (i32.ge_s (local.get $k) (local.get $w)))
        (local.set $pair (i32.lt_s (i32.add (local.get $k) (i32.const 1)) (local.get $w)))
        (local.set $ka (i32.add (local.get $front) (i32.mul (local.get $k) (local.get $col))))
        (local.set $kb (i32.add (local.get $ka) (local.get $col)))
        (local.set $rk (i32.shl (local.get $k) (i32.const 3)))
        ;; Updates from the pivots before k, four at a time.
        (local.set $j (i32.const 0))
        (block $fourDone
          (loop $four
            (br_if $fourDone (i32.ge_s (i32.add (local.get $j) (i32.const 3)) (local.get $k)))
            (local.set $j0 (i32.add (local.get $front) (i32.mul (local.get $j) (local.get $col))))
            (local.set $j1 (i32.add (local.get $j0) (local.get $col)))
            (local.set $j2 (i32.add (local.get $j1) (local.get $col)))
            (local.set $j3 (i32.add (local.get $j2) (local.get $col)))
            (local.set $d0 (f64.load (i32.add (local.get $d) (i32.shl (local.get $j) (i32.const 3)))))
            (local.set $d1 (f64.load offset=8 (i32.add (local.get $d) (i32.shl (local.get $j) (i32.const 3)))))
            (local.set $d2 (f64.load offset=16 (i32.add (local.get $d) (i32.shl (local.get $j) (i32.const 3)))))
            (local.set $d3 (f64.load offset=24 (i32.add (local.get $d) (i32.shl (local.get $j) (i32.const 3)))))
            (local.set $a0 (f64.mul (local.get $d0) (f64.load (i32.add (local.get $j0) (local.get $rk)))))
            (local.set $a1 (f64.mul (local.get $d1) (f64.load (i32.add (local.get $j1) (local.get $rk)))))
            (local.set $a2 (f64.mul (local.get $d2) (f64.load (i32.add (local.get $j2) (local.get $rk)))))
            (local.set $a3 (f64.mul (local.get $d3) (f64.load (i32.add (local.get $j3) (local.get $rk)))))
            (f64.store (i32.add (local.get $ka) (local.get $rk))
              (f64.sub (f64.load (i32.add (local.get $ka) (local.get $rk)))
                (f64.add
                  (f64.add
                    (f64.add
                      (f64.mul (f64.load (i32.add (local.get $j0) (local.get $rk))) (local.get $a0))
                      (f64.mul (f64.load (i32.add (local.get $j1) (local.get $rk))) (local.get $a1)))
                    (f64.mul (f64.load (i32.add (local.get $j2) (local.get $rk))) (local.get $a2)))
                  (f64.mul (f64.load (i32.add (local.get $j3) (local.get $rk))) (local.get $a3)))))
            (if (local.get $pair)
              (then
                (call $update2x4 (local.get $ka) (local.get $kb)
                  (local.get $j0) (local.get $j1) (local.get $j2) (local.get $j3)
                  (local.get $a0) (local.get $a1) (local.get $a2) (local.get $a3)
                  (f64.mul (local.get $d0) (f64.load offset=8 (i32.add (local.get $j0) (local.get $rk))))
                  (f64.mul (local.get $d1) (f64.load offset=8 (i32.add (local.get $j1) (local.get $rk))))
                  (f64.mul (local.get $d2) (f64.load offset=8 (i32.add (local.get $j2) (local.get $rk))))
                  (f64.mul (local.get $d3) (f64.load offset=8 (i32.add (local.get $j3) (local.get $rk))))
                  (i32.add (local.get $rk) (i32.const 8)) (local.get $end)))
              (else
                (call $update1x4 (local.get $ka)
                  (local.get $j0) (local.get $j1) (local.get $j2) (local.get $j3)
                  (local.get $a0) (local.get $a1) (local.get $a2) (local.get $a3)
                  (i32.add (local.get $rk) (i32.const 8)) (local.get $end))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $four)))
        ;; The remaining pivots before k, one at a time.
        (block $oneDone
          (loop $one
            (br_if $oneDone (i32.ge_s (local.get $j) (local.get $k)))
            (local.set $j0 (i32.add (local.get $front) (i32.mul (local.get $j) (local.get $col))))
            (local.set $d0 (f64.load (i32.add (local.get $d) (i32.shl (local.get $j) (i32.const 3)))))
            (local.set $a0 (f64.mul (local.get $d0) (f64.load (i32.add (local.get $j0) (local.get $rk)))))
            (f64.store (i32.add (local.get $ka) (local.get $rk))
              (f64.sub (f64.load (i32.add (local.get $ka) (local.get $rk)))
                (f64.mul (f64.load (i32.add (local.get $j0) (local.get $rk))) (local.get $a0))))
            (if (local.get $pair)
              (then
                (call $update2x1 (local.get $ka) (local.get $kb) (local.get $j0) (local.get $a0)
                  (f64.mul (local.get $d0) (f64.load offset=8 (i32.add (local.get $j0) (local.get $rk))))
                  (i32.add (local.get $rk) (i32.const 8)) (local.get $end)))
              (else
                (call $update1x1 (local.get $ka) (local.get $j0) (local.get $a0)
                  (i32.add (local.get $rk) (i32.const 8)) (local.get $end))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $one)))
        ;; Finalise column k.
        (local.set $dk (f64.load (i32.add (local.get $ka) (local.get $rk))))
        (if (i32.eqz (call $usable (local.get $dk))) (then (return (local.get $k))))
        (f64.store (i32.add (local.get $d) (local.get $rk)) (local.get $dk))
        (call $scale (local.get $ka) (f64.div (f64.const 1) (local.get $dk))
          (i32.add (local.get $rk) (i32.const 8)) (local.get $end))
        (if (local.get $pair)
          (then
            ;; Column k+1: the update from pivot k, then finalise.
            (local.set $c (f64.mul (local.get $dk) (f64.load offset=8 (i32.add (local.get $ka) (local.get $rk)))))
            (call $update1x1 (local.get $kb) (local.get $ka) (local.get $c)
              (i32.add (local.get $rk) (i32.const 8)) (local.get $end))
            (local.set $dk (f64.load offset=8 (i32.add (local.get $kb) (local.get $rk))))
            (if (i32.eqz (call $usable (local.get $dk)))
              (then (return (i32.add (local.get $k) (i32.const 1)))))
            (f64.store offset=8 (i32.add (local.get $d) (local.get $rk)) (local.get $dk))
            (call $scale (local.get $kb) (f64.div (f64.const 1) (local.get $dk))
              (i32.add (local.get $rk) (i32.const 16)) (local.get $end))))
        (local.set $k (i32.add (local.get $k) (i32.const 2)))
        (br $pivots)))
    (i32.const -1))

  ;; The Schur complement U = F22 − L21·D·L21ᵀ over the front's columns w..m−1, two target columns at a
  ;; time (SupernodalLdlt.ts schurComplement, operation for operation).
  (func $schurComplement (param $front i32) (param $d i32) (param $m i32) (param $w i32)
    (local $k i32) (local $j i32) (local $col i32) (local $ka i32) (local $kb i32) (local $rk i32) (local $end i32)
    (local $j0 i32) (local $j1 i32) (local $j2 i32) (local $j3 i32) (local $dj i32)
    (local $d0 f64) (local $d1 f64) (local $d2 f64) (local $d3 f64)
    (local $a0 f64) (local $a1 f64) (local $a2 f64) (local $a3 f64)
    (local.set $col (i32.shl (local.get $m) (i32.const 3)))
    (local.set $end (local.get $col))
    (local.set $k (local.get $w))
    (block $pairsDone
      (loop $pairs
        (br_if $pairsDone (i32.ge_s (i32.add (local.get $k) (i32.const 1)) (local.get $m)))
        (local.set $ka (i32.add (local.get $front) (i32.mul (local.get $k) (local.get $col))))
        (local.set $kb (i32.add (local.get $ka) (local.get $col)))
        (local.set $rk (i32.shl (local.get $k) (i32.const 3)))
        (local.set $j (i32.const 0))
        (block $fourDone
          (loop $four
            (br_if $fourDone (i32.ge_s (i32.add (local.get $j) (i32.const 3)) (local.get $w)))
            (local.set $j0 (i32.add (local.get $front) (i32.mul (local.get $j) (local.get $col))))
            (local.set $j1 (i32.add (local.get $j0) (local.get $col)))
            (local.set $j2 (i32.add (local.get $j1) (local.get $col)))
            (local.set $j3 (i32.add (local.get $j2) (local.get $col)))
            (local.set $dj (i32.add (local.get $d) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $d0 (f64.load (local.get $dj)))
            (local.set $d1 (f64.load offset=8 (local.get $dj)))
            (local.set $d2 (f64.load offset=16 (local.get $dj)))
            (local.set $d3 (f64.load offset=24 (local.get $dj)))
            (local.set $a0 (f64.mul (local.get $d0) (f64.load (i32.add (local.get $j0) (local.get $rk)))))
            (local.set $a1 (f64.mul (local.get $d1) (f64.load (i32.add (local.get $j1) (local.get $rk)))))
            (local.set $a2 (f64.mul (local.get $d2) (f64.load (i32.add (local.get $j2) (local.get $rk)))))
            (local.set $a3 (f64.mul (local.get $d3) (f64.load (i32.add (local.get $j3) (local.get $rk)))))
            ;; Row k belongs to column k only.
            (f64.store (i32.add (local.get $ka) (local.get $rk))
              (f64.sub (f64.load (i32.add (local.get $ka) (local.get $rk)))
                (f64.add
                  (f64.add
                    (f64.add
                      (f64.mul (f64.load (i32.add (local.get $j0) (local.get $rk))) (local.get $a0))
                      (f64.mul (f64.load (i32.add (local.get $j1) (local.get $rk))) (local.get $a1)))
                    (f64.mul (f64.load (i32.add (local.get $j2) (local.get $rk))) (local.get $a2)))
                  (f64.mul (f64.load (i32.add (local.get $j3) (local.get $rk))) (local.get $a3)))))
            (call $update2x4 (local.get $ka) (local.get $kb)
              (local.get $j0) (local.get $j1) (local.get $j2) (local.get $j3)
              (local.get $a0) (local.get $a1) (local.get $a2) (local.get $a3)
              (f64.mul (local.get $d0) (f64.load offset=8 (i32.add (local.get $j0) (local.get $rk))))
              (f64.mul (local.get $d1) (f64.load offset=8 (i32.add (local.get $j1) (local.get $rk))))
              (f64.mul (local.get $d2) (f64.load offset=8 (i32.add (local.get $j2) (local.get $rk))))
              (f64.mul (local.get $d3) (f64.load offset=8 (i32.add (local.get $j3) (local.get $rk))))
              (i32.add (local.get $rk) (i32.const 8)) (local.get $end))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $four)))
        ;; The last 1–3 pivots in one pass.
        (local.set $j0 (i32.add (local.get $front) (i32.mul (local.get $j) (local.get $col))))
        (local.set $j1 (i32.add (local.get $j0) (local.get $col)))
        (local.set $j2 (i32.add (local.get $j1) (local.get $col)))
        (local.set $dj (i32.add (local.get $d) (i32.shl (local.get $j) (i32.const 3))))
        (block $restDone
          (br_if $restDone (i32.eq (local.get $j) (local.get $w)))
          (local.set $d0 (f64.load (local.get $dj)))
          (local.set $a0 (f64.mul (local.get $d0) (f64.load (i32.add (local.get $j0) (local.get $rk)))))
          (if (i32.eq (i32.sub (local.get $w) (local.get $j)) (i32.const 3))
            (then
              (local.set $d1 (f64.load offset=8 (local.get $dj)))
              (local.set $d2 (f64.load offset=16 (local.get $dj)))
              (local.set $a1 (f64.mul (local.get $d1) (f64.load (i32.add (local.get $j1) (local.get $rk)))))
              (local.set $a2 (f64.mul (local.get $d2) (f64.load (i32.add (local.get $j2) (local.get $rk)))))
              (f64.store (i32.add (local.get $ka) (local.get $rk))
                (f64.sub (f64.load (i32.add (local.get $ka) (local.get $rk)))
                  (f64.add
                    (f64.add
                      (f64.mul (f64.load (i32.add (local.get $j0) (local.get $rk))) (local.get $a0))
                      (f64.mul (f64.load (i32.add (local.get $j1) (local.get $rk))) (local.get $a1)))
                    (f64.mul (f64.load (i32.add (local.get $j2) (local.get $rk))) (local.get $a2)))))
              (call $update2x3 (local.get $ka) (local.get $kb) (local.get $j0) (local.get $j1) (local.get $j2)
                (local.get $a0) (local.get $a1) (local.get $a2)
                (f64.mul (local.get $d0) (f64.load offset=8 (i32.add (local.get $j0) (local.get $rk))))
                (f64.mul (local.get $d1) (f64.load offset=8 (i32.add (local.get $j1) (local.get $rk))))
                (f64.mul (local.get $d2) (f64.load offset=8 (i32.add (local.get $j2) (local.get $rk))))
                (i32.add (local.get $rk) (i32.const 8)) (local.get $end))
              (br $restDone)))
          (if (i32.eq (i32.sub (local.get $w) (local.get $j)) (i32.const 2))
            (then
              (local.set $d1 (f64.load offset=8 (local.get $dj)))
              (local.set $a1 (f64.mul (local.get $d1) (f64.load (i32.add (local.get $j1) (local.get $rk)))))
              (f64.store (i32.add (local.get $ka) (local.get $rk))
                (f64.sub (f64.load (i32.add (local.get $ka) (local.get $rk)))
                  (f64.add
                    (f64.mul (f64.load (i32.add (local.get $j0) (local.get $rk))) (local.get $a0))
                    (f64.mul (f64.load (i32.add (local.get $j1) (local.get $rk))) (local.get $a1)))))
              (call $update2x2 (local.get $ka) (local.get $kb) (local.get $j0) (local.get $j1)
                (local.get $a0) (local.get $a1)
                (f64.mul (local.get $d0) (f64.load offset=8 (i32.add (local.get $j0) (local.get $rk))))
                (f64.mul (local.get $d1) (f64.load offset=8 (i32.add (local.get $j1) (local.get $rk))))
                (i32.add (local.get $rk) (i32.const 8)) (local.get $end))
              (br $restDone)))
          (f64.store (i32.add (local.get $ka) (local.get $rk))
            (f64.sub (f64.load (i32.add (local.get $ka) (local.get $rk)))
              (f64.mul (f64.load (i32.add (local.get $j0) (local.get $rk))) (local.get $a0))))
          (call $update2x1 (local.get $ka) (local.get $kb) (local.get $j0) (local.get $a0)
            (f64.mul (local.get $d0) (f64.load offset=8 (i32.add (local.get $j0) (local.get $rk))))
            (i32.add (local.get $rk) (i32.const 8)) (local.get $end)))
        (local.set $k (i32.add (local.get $k) (i32.const 2)))
        (br $pairs)))
    ;; An odd last column: its pivots one at a time, from its diagonal down.
    (if (i32.lt_s (local.get $k) (local.get $m))
      (then
        (local.set $ka (i32.add (local.get $front) (i32.mul (local.get $k) (local.get $col))))
        (local.set $rk (i32.shl (local.get $k) (i32.const 3)))
        (local.set $j (i32.const 0))
        (block $singlesDone
          (loop $singles
            (br_if $singlesDone (i32.ge_s (local.get $j) (local.get $w)))
            (local.set $j0 (i32.add (local.get $front) (i32.mul (local.get $j) (local.get $col))))
            (call $update1x1 (local.get $ka) (local.get $j0)
              (f64.mul (f64.load (i32.add (local.get $d) (i32.shl (local.get $j) (i32.const 3))))
                (f64.load (i32.add (local.get $j0) (local.get $rk))))
              (local.get $rk) (local.get $end))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $singles))))))

  ;; Adds a child's u×u update matrix (lower triangle, column-major at $src) into the front (m rows at
  ;; $front); $rel: the child's rows' positions in the front (u i32s).
  (func $extendAdd (param $front i32) (param $m i32) (param $src i32) (param $rel i32) (param $u i32)
    (local $jj i32) (local $ii i32) (local $col i32) (local $base i32) (local $at i32)
    (local.set $jj (i32.const 0))
    (block $colsDone
      (loop $cols
        (br_if $colsDone (i32.ge_s (local.get $jj) (local.get $u)))
        (local.set $col (i32.add (local.get $front)
          (i32.shl (i32.mul (i32.load (i32.add (local.get $rel) (i32.shl (local.get $jj) (i32.const 2))))
            (local.get $m)) (i32.const 3))))
        (local.set $base (i32.add (local.get $src) (i32.shl (i32.mul (local.get $jj) (local.get $u)) (i32.const 3))))
        (local.set $ii (local.get $jj))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_s (local.get $ii) (local.get $u)))
            (local.set $at (i32.add (local.get $col)
              (i32.shl (i32.load (i32.add (local.get $rel) (i32.shl (local.get $ii) (i32.const 2)))) (i32.const 3))))
            (f64.store (local.get $at)
              (f64.add (f64.load (local.get $at))
                (f64.load (i32.add (local.get $base) (i32.shl (local.get $ii) (i32.const 3))))))
            (local.set $ii (i32.add (local.get $ii) (i32.const 1)))
            (br $rows)))
        (local.set $jj (i32.add (local.get $jj) (i32.const 1)))
        (br $cols))))

  ;; Copies the front's lower-right u×u block (lower triangle) to $dst (u×u column-major).
  (func $pushUpdate (param $front i32) (param $dst i32) (param $m i32) (param $w i32) (param $u i32)
    (local $jj i32) (local $src i32) (local $to i32) (local $o i32) (local $end i32)
    (local.set $jj (i32.const 0))
    (local.set $end (i32.shl (local.get $u) (i32.const 3)))
    (block $colsDone
      (loop $cols
        (br_if $colsDone (i32.ge_s (local.get $jj) (local.get $u)))
        (local.set $src (i32.add (local.get $front)
          (i32.shl (i32.add (i32.mul (i32.add (local.get $w) (local.get $jj)) (local.get $m)) (local.get $w))
            (i32.const 3))))
        (local.set $to (i32.add (local.get $dst) (i32.shl (i32.mul (local.get $jj) (local.get $u)) (i32.const 3))))
        (local.set $o (i32.shl (local.get $jj) (i32.const 3)))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.gt_s (i32.add (local.get $o) (i32.const 16)) (local.get $end)))
            (v128.store align=8 (i32.add (local.get $to) (local.get $o))
              (v128.load align=8 (i32.add (local.get $src) (local.get $o))))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (br $rows)))
        (if (i32.lt_s (local.get $o) (local.get $end))
          (then
            (f64.store (i32.add (local.get $to) (local.get $o)) (f64.load (i32.add (local.get $src) (local.get $o))))))
        (local.set $jj (i32.add (local.get $jj) (i32.const 1)))
        (br $cols))))

  ;; The whole numeric factorisation (SupernodalLdlt.factor). Int32 arrays: first, rowPtr, valPtr (S+1
  ;; each), assemblyPtr (S+1), assemblySlot, assemblyOffset, relPtr (S+1), relIndex, childPtr (S+1),
  ;; childList. Float64 arrays: a (A's upper-triangle values), d (n), values (L's blocks), front, stack.
  ;; Returns −1, or the column whose pivot is not positive and finite.
  (func (export "factor")
    (param $S i32) (param $first i32) (param $rowPtr i32) (param $valPtr i32)
    (param $assemblyPtr i32) (param $assemblySlot i32) (param $assemblyOffset i32)
    (param $relPtr i32) (param $relIndex i32) (param $childPtr i32) (param $childList i32)
    (param $a i32) (param $d i32) (param $values i32) (param $front i32) (param $stack i32)
    (result i32)
    (local $s i32) (local $s4 i32) (local $f i32) (local $w i32) (local $m i32) (local $u i32)
    (local $top i32) (local $q i32) (local $q1 i32) (local $c i32) (local $c0 i32) (local $child i32)
    (local $rel i32) (local $at i32) (local $bad i32)
    (local.set $top (local.get $stack))
    (local.set $s (i32.const 0))
    (block $supernodesDone
      (loop $supernodes
        (br_if $supernodesDone (i32.ge_s (local.get $s) (local.get $S)))
        (local.set $s4 (i32.shl (local.get $s) (i32.const 2)))
        (local.set $f (i32.load (i32.add (local.get $first) (local.get $s4))))
        (local.set $w (i32.sub (i32.load offset=4 (i32.add (local.get $first) (local.get $s4))) (local.get $f)))
        (local.set $m (i32.sub (i32.load offset=4 (i32.add (local.get $rowPtr) (local.get $s4)))
          (i32.load (i32.add (local.get $rowPtr) (local.get $s4)))))
        (memory.fill (local.get $front) (i32.const 0) (i32.shl (i32.mul (local.get $m) (local.get $m)) (i32.const 3)))
        ;; Assemble A's entries of this supernode.
        (local.set $q (i32.load (i32.add (local.get $assemblyPtr) (local.get $s4))))
        (local.set $q1 (i32.load offset=4 (i32.add (local.get $assemblyPtr) (local.get $s4))))
        (block $assemblyDone
          (loop $assembly
            (br_if $assemblyDone (i32.ge_s (local.get $q) (local.get $q1)))
            (local.set $at (i32.add (local.get $front)
              (i32.shl (i32.load (i32.add (local.get $assemblyOffset) (i32.shl (local.get $q) (i32.const 2))))
                (i32.const 3))))
            (f64.store (local.get $at)
              (f64.add (f64.load (local.get $at))
                (f64.load (i32.add (local.get $a)
                  (i32.shl (i32.load (i32.add (local.get $assemblySlot) (i32.shl (local.get $q) (i32.const 2))))
                    (i32.const 3))))))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $assembly)))
        ;; Extend-add the children's update matrices: the top of the stack, last child on top.
        (local.set $c0 (i32.load (i32.add (local.get $childPtr) (local.get $s4))))
        (local.set $c (i32.sub (i32.load offset=4 (i32.add (local.get $childPtr) (local.get $s4))) (i32.const 1)))
        (block $childrenDone
          (loop $children
            (br_if $childrenDone (i32.lt_s (local.get $c) (local.get $c0)))
            (local.set $child (i32.load (i32.add (local.get $childList) (i32.shl (local.get $c) (i32.const 2)))))
            (local.set $rel (i32.load (i32.add (local.get $relPtr) (i32.shl (local.get $child) (i32.const 2)))))
            (local.set $u (i32.sub
              (i32.load offset=4 (i32.add (local.get $relPtr) (i32.shl (local.get $child) (i32.const 2))))
              (local.get $rel)))
            (local.set $top (i32.sub (local.get $top) (i32.shl (i32.mul (local.get $u) (local.get $u)) (i32.const 3))))
            (call $extendAdd (local.get $front) (local.get $m) (local.get $top)
              (i32.add (local.get $relIndex) (i32.shl (local.get $rel) (i32.const 2))) (local.get $u))
            (local.set $c (i32.sub (local.get $c) (i32.const 1)))
            (br $children)))
        (local.set $bad (call $factorPivots (local.get $front)
          (i32.add (local.get $d) (i32.shl (local.get $f) (i32.const 3))) (local.get $m) (local.get $w)))
        (if (i32.ge_s (local.get $bad) (i32.const 0))
          (then (return (i32.add (local.get $f) (local.get $bad)))))
        (call $schurComplement (local.get $front)
          (i32.add (local.get $d) (i32.shl (local.get $f) (i32.const 3))) (local.get $m) (local.get $w))
        ;; Push the Schur complement as this supernode's update matrix.
        (local.set $u (i32.sub (local.get $m) (local.get $w)))
        (if (i32.gt_s (local.get $u) (i32.const 0))
          (then
            (call $pushUpdate (local.get $front) (local.get $top) (local.get $m) (local.get $w) (local.get $u))
            (local.set $top (i32.add (local.get $top) (i32.shl (i32.mul (local.get $u) (local.get $u)) (i32.const 3))))))
        (memory.copy
          (i32.add (local.get $values)
            (i32.shl (i32.load (i32.add (local.get $valPtr) (local.get $s4))) (i32.const 3)))
          (local.get $front)
          (i32.shl (i32.mul (local.get $m) (local.get $w)) (i32.const 3)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $supernodes)))
    (i32.const -1))

  ;; ---- Solves with the factor, 3 interleaved right-hand sides (SupernodalLdlt.ts solve3 and its helpers,
  ;; operation for operation). b: n×3 row-major at $b; a row's first two values go in one f64x2, the
  ;; third in a scalar. $lx: the byte address of the supernode's m×w column-major block of L.

  ;; Forward through the unit lower w×w triangle, in place on b's rows $x.. (byte address of row f).
  (func $forwardTriangle (param $x i32) (param $lx i32) (param $m i32) (param $w i32)
    (local $j i32) (local $i i32) (local $col i32) (local $xj i32) (local $xi i32)
    (local $v v128) (local $x2 f64) (local $l f64)
    (local.set $j (i32.const 0))
    (block $colsDone
      (loop $cols
        (br_if $colsDone (i32.ge_s (local.get $j) (local.get $w)))
        (local.set $col (i32.add (local.get $lx) (i32.shl (i32.mul (local.get $j) (local.get $m)) (i32.const 3))))
        (local.set $xj (i32.add (local.get $x) (i32.mul (local.get $j) (i32.const 24))))
        (local.set $v (v128.load align=8 (local.get $xj)))
        (local.set $x2 (f64.load offset=16 (local.get $xj)))
        (local.set $i (i32.add (local.get $j) (i32.const 1)))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_s (local.get $i) (local.get $w)))
            (local.set $l (f64.load (i32.add (local.get $col) (i32.shl (local.get $i) (i32.const 3)))))
            (local.set $xi (i32.add (local.get $x) (i32.mul (local.get $i) (i32.const 24))))
            (v128.store align=8 (local.get $xi)
              (f64x2.sub (v128.load align=8 (local.get $xi)) (f64x2.mul (f64x2.splat (local.get $l)) (local.get $v))))
            (f64.store offset=16 (local.get $xi)
              (f64.sub (f64.load offset=16 (local.get $xi)) (f64.mul (local.get $l) (local.get $x2))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $rows)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $cols))))

  ;; Backward through the transposed unit triangle, in place on b's rows $x.., last row first.
  (func $backwardTriangle (param $x i32) (param $lx i32) (param $m i32) (param $w i32)
    (local $jj i32) (local $i i32) (local $col i32) (local $xj i32) (local $xi i32)
    (local $v v128) (local $x2 f64) (local $l f64)
    (local.set $jj (i32.sub (local.get $w) (i32.const 1)))
    (block $colsDone
      (loop $cols
        (br_if $colsDone (i32.lt_s (local.get $jj) (i32.const 0)))
        (local.set $col (i32.add (local.get $lx) (i32.shl (i32.mul (local.get $jj) (local.get $m)) (i32.const 3))))
        (local.set $xj (i32.add (local.get $x) (i32.mul (local.get $jj) (i32.const 24))))
        (local.set $v (v128.load align=8 (local.get $xj)))
        (local.set $x2 (f64.load offset=16 (local.get $xj)))
        (local.set $i (i32.add (local.get $jj) (i32.const 1)))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_s (local.get $i) (local.get $w)))
            (local.set $l (f64.load (i32.add (local.get $col) (i32.shl (local.get $i) (i32.const 3)))))
            (local.set $xi (i32.add (local.get $x) (i32.mul (local.get $i) (i32.const 24))))
            (local.set $v (f64x2.sub (local.get $v) (f64x2.mul (f64x2.splat (local.get $l)) (v128.load align=8 (local.get $xi)))))
            (local.set $x2 (f64.sub (local.get $x2) (f64.mul (local.get $l) (f64.load offset=16 (local.get $xi)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $rows)))
        (v128.store align=8 (local.get $xj) (local.get $v))
        (f64.store offset=16 (local.get $xj) (local.get $x2))
        (local.set $jj (i32.sub (local.get $jj) (i32.const 1)))
        (br $cols))))

  ;; Forward through a supernode of at most 4 columns: the triangle, then L21·x subtracted straight from
  ;; b's rows below ($rows: their indices). Missing columns (w < 4) take a zero coefficient on column 0's
  ;; entries, as in JavaScript.
  (func $forwardNarrow (param $b i32) (param $rows i32) (param $lx i32) (param $f i32) (param $m i32) (param $w i32)
    (local $x i32) (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32) (local $col i32)
    (local $o i32) (local $end i32) (local $r i32)
    (local $va v128) (local $vp v128) (local $ve v128) (local $vg v128)
    (local $a2 f64) (local $p2 f64) (local $e2 f64) (local $g2 f64)
    (local $l0 f64) (local $l1 f64) (local $l2 f64) (local $l3 f64)
    (local.set $x (i32.add (local.get $b) (i32.mul (local.get $f) (i32.const 24))))
    (call $forwardTriangle (local.get $x) (local.get $lx) (local.get $m) (local.get $w))
    (local.set $col (i32.shl (local.get $m) (i32.const 3)))
    (local.set $c0 (i32.add (local.get $lx) (i32.shl (local.get $w) (i32.const 3))))
    (local.set $c1 (select (i32.add (local.get $c0) (local.get $col)) (local.get $c0) (i32.gt_s (local.get $w) (i32.const 1))))
    (local.set $c2 (select (i32.add (local.get $c0) (i32.shl (local.get $col) (i32.const 1))) (local.get $c0)
      (i32.gt_s (local.get $w) (i32.const 2))))
    (local.set $c3 (select (i32.add (local.get $c0) (i32.mul (local.get $col) (i32.const 3))) (local.get $c0)
      (i32.gt_s (local.get $w) (i32.const 3))))
    (local.set $va (v128.load align=8 (local.get $x)))
    (local.set $a2 (f64.load offset=16 (local.get $x)))
    (if (i32.gt_s (local.get $w) (i32.const 1))
      (then
        (local.set $vp (v128.load offset=24 align=8 (local.get $x)))
        (local.set $p2 (f64.load offset=40 (local.get $x)))))
    (if (i32.gt_s (local.get $w) (i32.const 2))
      (then
        (local.set $ve (v128.load offset=48 align=8 (local.get $x)))
        (local.set $e2 (f64.load offset=64 (local.get $x)))))
    (if (i32.gt_s (local.get $w) (i32.const 3))
      (then
        (local.set $vg (v128.load offset=72 align=8 (local.get $x)))
        (local.set $g2 (f64.load offset=88 (local.get $x)))))
    (local.set $o (i32.const 0))
    (local.set $end (i32.shl (i32.sub (local.get $m) (local.get $w)) (i32.const 3)))
    (block $done
      (loop $below
        (br_if $done (i32.ge_s (local.get $o) (local.get $end)))
        (local.set $r (i32.add (local.get $b)
          (i32.mul (i32.load (i32.add (local.get $rows) (i32.shr_u (local.get $o) (i32.const 1)))) (i32.const 24))))
        (local.set $l0 (f64.load (i32.add (local.get $c0) (local.get $o))))
        (local.set $l1 (f64.load (i32.add (local.get $c1) (local.get $o))))
        (local.set $l2 (f64.load (i32.add (local.get $c2) (local.get $o))))
        (local.set $l3 (f64.load (i32.add (local.get $c3) (local.get $o))))
        (v128.store align=8 (local.get $r)
          (f64x2.sub (v128.load align=8 (local.get $r))
            (f64x2.add
              (f64x2.add
                (f64x2.add (f64x2.mul (f64x2.splat (local.get $l0)) (local.get $va))
                  (f64x2.mul (f64x2.splat (local.get $l1)) (local.get $vp)))
                (f64x2.mul (f64x2.splat (local.get $l2)) (local.get $ve)))
              (f64x2.mul (f64x2.splat (local.get $l3)) (local.get $vg)))))
        (f64.store offset=16 (local.get $r)
          (f64.sub (f64.load offset=16 (local.get $r))
            (f64.add
              (f64.add
                (f64.add (f64.mul (local.get $l0) (local.get $a2)) (f64.mul (local.get $l1) (local.get $p2)))
                (f64.mul (local.get $l2) (local.get $e2)))
              (f64.mul (local.get $l3) (local.get $g2)))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (br $below))))

  ;; Backward through a supernode of at most 4 columns: L21ᵀ times b's solved rows below, read straight
  ;; from b, subtracted from its own rows; then the transposed triangle.
  (func $backwardNarrow (param $b i32) (param $rows i32) (param $lx i32) (param $f i32) (param $m i32) (param $w i32)
    (local $x i32) (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32) (local $col i32)
    (local $o i32) (local $end i32) (local $r i32)
    (local $va v128) (local $vp v128) (local $ve v128) (local $vg v128) (local $vt v128)
    (local $a2 f64) (local $p2 f64) (local $e2 f64) (local $g2 f64) (local $t2 f64)
    (local $l0 f64) (local $l1 f64) (local $l2 f64) (local $l3 f64)
    (local.set $x (i32.add (local.get $b) (i32.mul (local.get $f) (i32.const 24))))
    (local.set $col (i32.shl (local.get $m) (i32.const 3)))
    (local.set $c0 (i32.add (local.get $lx) (i32.shl (local.get $w) (i32.const 3))))
    (local.set $c1 (select (i32.add (local.get $c0) (local.get $col)) (local.get $c0) (i32.gt_s (local.get $w) (i32.const 1))))
    (local.set $c2 (select (i32.add (local.get $c0) (i32.shl (local.get $col) (i32.const 1))) (local.get $c0)
      (i32.gt_s (local.get $w) (i32.const 2))))
    (local.set $c3 (select (i32.add (local.get $c0) (i32.mul (local.get $col) (i32.const 3))) (local.get $c0)
      (i32.gt_s (local.get $w) (i32.const 3))))
    (local.set $o (i32.const 0))
    (local.set $end (i32.shl (i32.sub (local.get $m) (local.get $w)) (i32.const 3)))
    (block $done
      (loop $below
        (br_if $done (i32.ge_s (local.get $o) (local.get $end)))
        (local.set $r (i32.add (local.get $b)
          (i32.mul (i32.load (i32.add (local.get $rows) (i32.shr_u (local.get $o) (i32.const 1)))) (i32.const 24))))
        (local.set $vt (v128.load align=8 (local.get $r)))
        (local.set $t2 (f64.load offset=16 (local.get $r)))
        (local.set $l0 (f64.load (i32.add (local.get $c0) (local.get $o))))
        (local.set $l1 (f64.load (i32.add (local.get $c1) (local.get $o))))
        (local.set $l2 (f64.load (i32.add (local.get $c2) (local.get $o))))
        (local.set $l3 (f64.load (i32.add (local.get $c3) (local.get $o))))
        (local.set $va (f64x2.add (local.get $va) (f64x2.mul (f64x2.splat (local.get $l0)) (local.get $vt))))
        (local.set $a2 (f64.add (local.get $a2) (f64.mul (local.get $l0) (local.get $t2))))
        (local.set $vp (f64x2.add (local.get $vp) (f64x2.mul (f64x2.splat (local.get $l1)) (local.get $vt))))
        (local.set $p2 (f64.add (local.get $p2) (f64.mul (local.get $l1) (local.get $t2))))
        (local.set $ve (f64x2.add (local.get $ve) (f64x2.mul (f64x2.splat (local.get $l2)) (local.get $vt))))
        (local.set $e2 (f64.add (local.get $e2) (f64.mul (local.get $l2) (local.get $t2))))
        (local.set $vg (f64x2.add (local.get $vg) (f64x2.mul (f64x2.splat (local.get $l3)) (local.get $vt))))
        (local.set $g2 (f64.add (local.get $g2) (f64.mul (local.get $l3) (local.get $t2))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (br $below)))
    (v128.store align=8 (local.get $x) (f64x2.sub (v128.load align=8 (local.get $x)) (local.get $va)))
    (f64.store offset=16 (local.get $x) (f64.sub (f64.load offset=16 (local.get $x)) (local.get $a2)))
    (if (i32.gt_s (local.get $w) (i32.const 1))
      (then
        (v128.store offset=24 align=8 (local.get $x) (f64x2.sub (v128.load offset=24 align=8 (local.get $x)) (local.get $vp)))
        (f64.store offset=40 (local.get $x) (f64.sub (f64.load offset=40 (local.get $x)) (local.get $p2)))))
    (if (i32.gt_s (local.get $w) (i32.const 2))
      (then
        (v128.store offset=48 align=8 (local.get $x) (f64x2.sub (v128.load offset=48 align=8 (local.get $x)) (local.get $ve)))
        (f64.store offset=64 (local.get $x) (f64.sub (f64.load offset=64 (local.get $x)) (local.get $e2)))))
    (if (i32.gt_s (local.get $w) (i32.const 3))
      (then
        (v128.store offset=72 align=8 (local.get $x) (f64x2.sub (v128.load offset=72 align=8 (local.get $x)) (local.get $vg)))
        (f64.store offset=88 (local.get $x) (f64.sub (f64.load offset=88 (local.get $x)) (local.get $g2)))))
    (call $backwardTriangle (local.get $x) (local.get $lx) (local.get $m) (local.get $w)))

  ;; Forward through a wider supernode: the triangle, then t (the (m−w)×3 accumulator, zeroed here)
  ;; += L21·x four columns per pass, then b's rows below −= t.
  (func $forwardWide (param $b i32) (param $rows i32) (param $lx i32) (param $f i32) (param $m i32) (param $w i32)
    (param $t i32)
    (local $x i32) (local $j i32) (local $col i32) (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32)
    (local $o i32) (local $end i32) (local $at i32) (local $xo i32) (local $r i32)
    (local $va v128) (local $vp v128) (local $ve v128) (local $vg v128)
    (local $a2 f64) (local $p2 f64) (local $e2 f64) (local $g2 f64)
    (local $l0 f64) (local $l1 f64) (local $l2 f64) (local $l3 f64)
    (local.set $x (i32.add (local.get $b) (i32.mul (local.get $f) (i32.const 24))))
    (call $forwardTriangle (local.get $x) (local.get $lx) (local.get $m) (local.get $w))
    (local.set $col (i32.shl (local.get $m) (i32.const 3)))
    (local.set $end (i32.shl (i32.sub (local.get $m) (local.get $w)) (i32.const 3)))
    (memory.fill (local.get $t) (i32.const 0) (i32.mul (local.get $end) (i32.const 3)))
    (local.set $j (i32.const 0))
    (block $fourDone
      (loop $four
        (br_if $fourDone (i32.ge_s (i32.add (local.get $j) (i32.const 3)) (local.get $w)))
        (local.set $c0 (i32.add (i32.add (local.get $lx) (i32.mul (local.get $j) (local.get $col)))
          (i32.shl (local.get $w) (i32.const 3))))
        (local.set $c1 (i32.add (local.get $c0) (local.get $col)))
        (local.set $c2 (i32.add (local.get $c1) (local.get $col)))
        (local.set $c3 (i32.add (local.get $c2) (local.get $col)))
        (local.set $xo (i32.add (local.get $x) (i32.mul (local.get $j) (i32.const 24))))
        (local.set $va (v128.load align=8 (local.get $xo)))
        (local.set $a2 (f64.load offset=16 (local.get $xo)))
        (local.set $vp (v128.load offset=24 align=8 (local.get $xo)))
        (local.set $p2 (f64.load offset=40 (local.get $xo)))
        (local.set $ve (v128.load offset=48 align=8 (local.get $xo)))
        (local.set $e2 (f64.load offset=64 (local.get $xo)))
        (local.set $vg (v128.load offset=72 align=8 (local.get $xo)))
        (local.set $g2 (f64.load offset=88 (local.get $xo)))
        (local.set $o (i32.const 0))
        (local.set $at (local.get $t))
        (block $done
          (loop $below
            (br_if $done (i32.ge_s (local.get $o) (local.get $end)))
            (local.set $l0 (f64.load (i32.add (local.get $c0) (local.get $o))))
            (local.set $l1 (f64.load (i32.add (local.get $c1) (local.get $o))))
            (local.set $l2 (f64.load (i32.add (local.get $c2) (local.get $o))))
            (local.set $l3 (f64.load (i32.add (local.get $c3) (local.get $o))))
            (v128.store align=8 (local.get $at)
              (f64x2.add (v128.load align=8 (local.get $at))
                (f64x2.add
                  (f64x2.add
                    (f64x2.add (f64x2.mul (f64x2.splat (local.get $l0)) (local.get $va))
                      (f64x2.mul (f64x2.splat (local.get $l1)) (local.get $vp)))
                    (f64x2.mul (f64x2.splat (local.get $l2)) (local.get $ve)))
                  (f64x2.mul (f64x2.splat (local.get $l3)) (local.get $vg)))))
            (f64.store offset=16 (local.get $at)
              (f64.add (f64.load offset=16 (local.get $at))
                (f64.add
                  (f64.add
                    (f64.add (f64.mul (local.get $l0) (local.get $a2)) (f64.mul (local.get $l1) (local.get $p2)))
                    (f64.mul (local.get $l2) (local.get $e2)))
                  (f64.mul (local.get $l3) (local.get $g2)))))
            (local.set $o (i32.add (local.get $o) (i32.const 8)))
            (local.set $at (i32.add (local.get $at) (i32.const 24)))
            (br $below)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $four)))
    (block $oneDone
      (loop $one
        (br_if $oneDone (i32.ge_s (local.get $j) (local.get $w)))
        (local.set $c0 (i32.add (i32.add (local.get $lx) (i32.mul (local.get $j) (local.get $col)))
          (i32.shl (local.get $w) (i32.const 3))))
        (local.set $xo (i32.add (local.get $x) (i32.mul (local.get $j) (i32.const 24))))
        (local.set $va (v128.load align=8 (local.get $xo)))
        (local.set $a2 (f64.load offset=16 (local.get $xo)))
        (local.set $o (i32.const 0))
        (local.set $at (local.get $t))
        (block $done
          (loop $below
            (br_if $done (i32.ge_s (local.get $o) (local.get $end)))
            (local.set $l0 (f64.load (i32.add (local.get $c0) (local.get $o))))
            (v128.store align=8 (local.get $at)
              (f64x2.add (v128.load align=8 (local.get $at)) (f64x2.mul (f64x2.splat (local.get $l0)) (local.get $va))))
            (f64.store offset=16 (local.get $at)
              (f64.add (f64.load offset=16 (local.get $at)) (f64.mul (local.get $l0) (local.get $a2))))
            (local.set $o (i32.add (local.get $o) (i32.const 8)))
            (local.set $at (i32.add (local.get $at) (i32.const 24)))
            (br $below)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $one)))
    ;; Scatter: b[rows[i]] −= t[i].
    (local.set $o (i32.const 0))
    (local.set $at (local.get $t))
    (block $done
      (loop $scatter
        (br_if $done (i32.ge_s (local.get $o) (local.get $end)))
        (local.set $r (i32.add (local.get $b)
          (i32.mul (i32.load (i32.add (local.get $rows) (i32.shr_u (local.get $o) (i32.const 1)))) (i32.const 24))))
        (v128.store align=8 (local.get $r) (f64x2.sub (v128.load align=8 (local.get $r)) (v128.load align=8 (local.get $at))))
        (f64.store offset=16 (local.get $r) (f64.sub (f64.load offset=16 (local.get $r)) (f64.load offset=16 (local.get $at))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (local.set $at (i32.add (local.get $at) (i32.const 24)))
        (br $scatter))))

  ;; Backward through a wider supernode: gather b's solved rows below into t, subtract L21ᵀ·t from b's
  ;; own rows four columns per pass, then the transposed triangle.
  (func $backwardWide (param $b i32) (param $rows i32) (param $lx i32) (param $f i32) (param $m i32) (param $w i32)
    (param $t i32)
    (local $x i32) (local $j i32) (local $col i32) (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32)
    (local $o i32) (local $end i32) (local $at i32) (local $xo i32) (local $r i32)
    (local $va v128) (local $vp v128) (local $ve v128) (local $vg v128) (local $vt v128)
    (local $a2 f64) (local $p2 f64) (local $e2 f64) (local $g2 f64) (local $t2 f64)
    (local $l0 f64) (local $l1 f64) (local $l2 f64) (local $l3 f64)
    (local.set $x (i32.add (local.get $b) (i32.mul (local.get $f) (i32.const 24))))
    (local.set $col (i32.shl (local.get $m) (i32.const 3)))
    (local.set $end (i32.shl (i32.sub (local.get $m) (local.get $w)) (i32.const 3)))
    ;; Gather: t[i] = b[rows[i]].
    (local.set $o (i32.const 0))
    (local.set $at (local.get $t))
    (block $done
      (loop $gather
        (br_if $done (i32.ge_s (local.get $o) (local.get $end)))
        (local.set $r (i32.add (local.get $b)
          (i32.mul (i32.load (i32.add (local.get $rows) (i32.shr_u (local.get $o) (i32.const 1)))) (i32.const 24))))
        (v128.store align=8 (local.get $at) (v128.load align=8 (local.get $r)))
        (f64.store offset=16 (local.get $at) (f64.load offset=16 (local.get $r)))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (local.set $at (i32.add (local.get $at) (i32.const 24)))
        (br $gather)))
    (local.set $j (i32.const 0))
    (block $fourDone
      (loop $four
        (br_if $fourDone (i32.ge_s (i32.add (local.get $j) (i32.const 3)) (local.get $w)))
        (local.set $c0 (i32.add (i32.add (local.get $lx) (i32.mul (local.get $j) (local.get $col)))
          (i32.shl (local.get $w) (i32.const 3))))
        (local.set $c1 (i32.add (local.get $c0) (local.get $col)))
        (local.set $c2 (i32.add (local.get $c1) (local.get $col)))
        (local.set $c3 (i32.add (local.get $c2) (local.get $col)))
        (local.set $va (v128.const f64x2 0 0))
        (local.set $vp (v128.const f64x2 0 0))
        (local.set $ve (v128.const f64x2 0 0))
        (local.set $vg (v128.const f64x2 0 0))
        (local.set $a2 (f64.const 0))
        (local.set $p2 (f64.const 0))
        (local.set $e2 (f64.const 0))
        (local.set $g2 (f64.const 0))
        (local.set $o (i32.const 0))
        (local.set $at (local.get $t))
        (block $done
          (loop $below
            (br_if $done (i32.ge_s (local.get $o) (local.get $end)))
            (local.set $vt (v128.load align=8 (local.get $at)))
            (local.set $t2 (f64.load offset=16 (local.get $at)))
            (local.set $l0 (f64.load (i32.add (local.get $c0) (local.get $o))))
            (local.set $l1 (f64.load (i32.add (local.get $c1) (local.get $o))))
            (local.set $l2 (f64.load (i32.add (local.get $c2) (local.get $o))))
            (local.set $l3 (f64.load (i32.add (local.get $c3) (local.get $o))))
            (local.set $va (f64x2.add (local.get $va) (f64x2.mul (f64x2.splat (local.get $l0)) (local.get $vt))))
            (local.set $a2 (f64.add (local.get $a2) (f64.mul (local.get $l0) (local.get $t2))))
            (local.set $vp (f64x2.add (local.get $vp) (f64x2.mul (f64x2.splat (local.get $l1)) (local.get $vt))))
            (local.set $p2 (f64.add (local.get $p2) (f64.mul (local.get $l1) (local.get $t2))))
            (local.set $ve (f64x2.add (local.get $ve) (f64x2.mul (f64x2.splat (local.get $l2)) (local.get $vt))))
            (local.set $e2 (f64.add (local.get $e2) (f64.mul (local.get $l2) (local.get $t2))))
            (local.set $vg (f64x2.add (local.get $vg) (f64x2.mul (f64x2.splat (local.get $l3)) (local.get $vt))))
            (local.set $g2 (f64.add (local.get $g2) (f64.mul (local.get $l3) (local.get $t2))))
            (local.set $o (i32.add (local.get $o) (i32.const 8)))
            (local.set $at (i32.add (local.get $at) (i32.const 24)))
            (br $below)))
        (local.set $xo (i32.add (local.get $x) (i32.mul (local.get $j) (i32.const 24))))
        (v128.store align=8 (local.get $xo) (f64x2.sub (v128.load align=8 (local.get $xo)) (local.get $va)))
        (f64.store offset=16 (local.get $xo) (f64.sub (f64.load offset=16 (local.get $xo)) (local.get $a2)))
        (v128.store offset=24 align=8 (local.get $xo) (f64x2.sub (v128.load offset=24 align=8 (local.get $xo)) (local.get $vp)))
        (f64.store offset=40 (local.get $xo) (f64.sub (f64.load offset=40 (local.get $xo)) (local.get $p2)))
        (v128.store offset=48 align=8 (local.get $xo) (f64x2.sub (v128.load offset=48 align=8 (local.get $xo)) (local.get $ve)))
        (f64.store offset=64 (local.get $xo) (f64.sub (f64.load offset=64 (local.get $xo)) (local.get $e2)))
        (v128.store offset=72 align=8 (local.get $xo) (f64x2.sub (v128.load offset=72 align=8 (local.get $xo)) (local.get $vg)))
        (f64.store offset=88 (local.get $xo) (f64.sub (f64.load offset=88 (local.get $xo)) (local.get $g2)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $four)))
    (block $oneDone
      (loop $one
        (br_if $oneDone (i32.ge_s (local.get $j) (local.get $w)))
        (local.set $c0 (i32.add (i32.add (local.get $lx) (i32.mul (local.get $j) (local.get $col)))
          (i32.shl (local.get $w) (i32.const 3))))
        (local.set $va (v128.const f64x2 0 0))
        (local.set $a2 (f64.const 0))
        (local.set $o (i32.const 0))
        (local.set $at (local.get $t))
        (block $done
          (loop $below
            (br_if $done (i32.ge_s (local.get $o) (local.get $end)))
            (local.set $l0 (f64.load (i32.add (local.get $c0) (local.get $o))))
            (local.set $va (f64x2.add (local.get $va)
              (f64x2.mul (f64x2.splat (local.get $l0)) (v128.load align=8 (local.get $at)))))
            (local.set $a2 (f64.add (local.get $a2) (f64.mul (local.get $l0) (f64.load offset=16 (local.get $at)))))
            (local.set $o (i32.add (local.get $o) (i32.const 8)))
            (local.set $at (i32.add (local.get $at) (i32.const 24)))
            (br $below)))
        (local.set $xo (i32.add (local.get $x) (i32.mul (local.get $j) (i32.const 24))))
        (v128.store align=8 (local.get $xo) (f64x2.sub (v128.load align=8 (local.get $xo)) (local.get $va)))
        (f64.store offset=16 (local.get $xo) (f64.sub (f64.load offset=16 (local.get $xo)) (local.get $a2)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $one)))
    (call $backwardTriangle (local.get $x) (local.get $lx) (local.get $m) (local.get $w)))

  ;; Solves L·D·Lᵀ x = b in place (b: n×3 at $b) with the factor at $values / $d; $t: 3·(largest front)
  ;; doubles of scratch.
  (func (export "solve3")
    (param $S i32) (param $n i32) (param $first i32) (param $rowPtr i32) (param $rows i32) (param $valPtr i32)
    (param $values i32) (param $d i32) (param $b i32) (param $t i32)
    (local $s i32) (local $s4 i32) (local $f i32) (local $w i32) (local $r0 i32) (local $m i32) (local $lx i32)
    (local $rb i32) (local $j i32) (local $at i32) (local $inv f64)
    ;; Forward: L y = b.
    (local.set $s (i32.const 0))
    (block $forwardDone
      (loop $forward
        (br_if $forwardDone (i32.ge_s (local.get $s) (local.get $S)))
        (local.set $s4 (i32.shl (local.get $s) (i32.const 2)))
        (local.set $f (i32.load (i32.add (local.get $first) (local.get $s4))))
        (local.set $w (i32.sub (i32.load offset=4 (i32.add (local.get $first) (local.get $s4))) (local.get $f)))
        (local.set $r0 (i32.load (i32.add (local.get $rowPtr) (local.get $s4))))
        (local.set $m (i32.sub (i32.load offset=4 (i32.add (local.get $rowPtr) (local.get $s4))) (local.get $r0)))
        (local.set $lx (i32.add (local.get $values)
          (i32.shl (i32.load (i32.add (local.get $valPtr) (local.get $s4))) (i32.const 3))))
        (local.set $rb (i32.add (local.get $rows) (i32.shl (i32.add (local.get $r0) (local.get $w)) (i32.const 2))))
        (if (i32.le_s (local.get $w) (i32.const 4))
          (then (call $forwardNarrow (local.get $b) (local.get $rb) (local.get $lx) (local.get $f) (local.get $m) (local.get $w)))
          (else
            (call $forwardWide (local.get $b) (local.get $rb) (local.get $lx) (local.get $f) (local.get $m) (local.get $w)
              (local.get $t))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $forward)))
    ;; D z = y.
    (local.set $j (i32.const 0))
    (local.set $at (local.get $b))
    (block $divideDone
      (loop $divide
        (br_if $divideDone (i32.ge_s (local.get $j) (local.get $n)))
        (local.set $inv (f64.div (f64.const 1) (f64.load (i32.add (local.get $d) (i32.shl (local.get $j) (i32.const 3))))))
        (v128.store align=8 (local.get $at) (f64x2.mul (v128.load align=8 (local.get $at)) (f64x2.splat (local.get $inv))))
        (f64.store offset=16 (local.get $at) (f64.mul (f64.load offset=16 (local.get $at)) (local.get $inv)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (local.set $at (i32.add (local.get $at) (i32.const 24)))
        (br $divide)))
    ;; Backward: Lᵀ x = z.
    (local.set $s (i32.sub (local.get $S) (i32.const 1)))
    (block $backwardDone
      (loop $backward
        (br_if $backwardDone (i32.lt_s (local.get $s) (i32.const 0)))
        (local.set $s4 (i32.shl (local.get $s) (i32.const 2)))
        (local.set $f (i32.load (i32.add (local.get $first) (local.get $s4))))
        (local.set $w (i32.sub (i32.load offset=4 (i32.add (local.get $first) (local.get $s4))) (local.get $f)))
        (local.set $r0 (i32.load (i32.add (local.get $rowPtr) (local.get $s4))))
        (local.set $m (i32.sub (i32.load offset=4 (i32.add (local.get $rowPtr) (local.get $s4))) (local.get $r0)))
        (local.set $lx (i32.add (local.get $values)
          (i32.shl (i32.load (i32.add (local.get $valPtr) (local.get $s4))) (i32.const 3))))
        (local.set $rb (i32.add (local.get $rows) (i32.shl (i32.add (local.get $r0) (local.get $w)) (i32.const 2))))
        (if (i32.le_s (local.get $w) (i32.const 4))
          (then (call $backwardNarrow (local.get $b) (local.get $rb) (local.get $lx) (local.get $f) (local.get $m) (local.get $w)))
          (else
            (call $backwardWide (local.get $b) (local.get $rb) (local.get $lx) (local.get $f) (local.get $m) (local.get $w)
              (local.get $t))))
        (local.set $s (i32.sub (local.get $s) (i32.const 1)))
        (br $backward))))

  ;; ---- The same solve with L in float32 (a copy of the factor for preconditioning conjugate gradients):
  ;; the functions above with L's loads widened from f32 (as JavaScript reads a Float32Array); keep the
  ;; two in step (the tests compare both with the JavaScript solves bit for bit).

  ;; Forward through the unit lower w×w triangle, in place on b's rows $x.. (byte address of row f).
  (func $forwardTriangle32 (param $x i32) (param $lx i32) (param $m i32) (param $w i32)
    (local $j i32) (local $i i32) (local $col i32) (local $xj i32) (local $xi i32)
    (local $v v128) (local $x2 f64) (local $l f64)
    (local.set $j (i32.const 0))
    (block $colsDone
      (loop $cols
        (br_if $colsDone (i32.ge_s (local.get $j) (local.get $w)))
        (local.set $col (i32.add (local.get $lx) (i32.shl (i32.mul (local.get $j) (local.get $m)) (i32.const 2))))
        (local.set $xj (i32.add (local.get $x) (i32.mul (local.get $j) (i32.const 24))))
        (local.set $v (v128.load align=8 (local.get $xj)))
        (local.set $x2 (f64.load offset=16 (local.get $xj)))
        (local.set $i (i32.add (local.get $j) (i32.const 1)))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_s (local.get $i) (local.get $w)))
            (local.set $l (f64.promote_f32 (f32.load (i32.add (local.get $col) (i32.shl (local.get $i) (i32.const 2))))))
            (local.set $xi (i32.add (local.get $x) (i32.mul (local.get $i) (i32.const 24))))
            (v128.store align=8 (local.get $xi)
              (f64x2.sub (v128.load align=8 (local.get $xi)) (f64x2.mul (f64x2.splat (local.get $l)) (local.get $v))))
            (f64.store offset=16 (local.get $xi)
              (f64.sub (f64.load offset=16 (local.get $xi)) (f64.mul (local.get $l) (local.get $x2))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $rows)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $cols))))

  ;; Backward through the transposed unit triangle, in place on b's rows $x.., last row first.
  (func $backwardTriangle32 (param $x i32) (param $lx i32) (param $m i32) (param $w i32)
    (local $jj i32) (local $i i32) (local $col i32) (local $xj i32) (local $xi i32)
    (local $v v128) (local $x2 f64) (local $l f64)
    (local.set $jj (i32.sub (local.get $w) (i32.const 1)))
    (block $colsDone
      (loop $cols
        (br_if $colsDone (i32.lt_s (local.get $jj) (i32.const 0)))
        (local.set $col (i32.add (local.get $lx) (i32.shl (i32.mul (local.get $jj) (local.get $m)) (i32.const 2))))
        (local.set $xj (i32.add (local.get $x) (i32.mul (local.get $jj) (i32.const 24))))
        (local.set $v (v128.load align=8 (local.get $xj)))
        (local.set $x2 (f64.load offset=16 (local.get $xj)))
        (local.set $i (i32.add (local.get $jj) (i32.const 1)))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_s (local.get $i) (local.get $w)))
            (local.set $l (f64.promote_f32 (f32.load (i32.add (local.get $col) (i32.shl (local.get $i) (i32.const 2))))))
            (local.set $xi (i32.add (local.get $x) (i32.mul (local.get $i) (i32.const 24))))
            (local.set $v (f64x2.sub (local.get $v) (f64x2.mul (f64x2.splat (local.get $l)) (v128.load align=8 (local.get $xi)))))
            (local.set $x2 (f64.sub (local.get $x2) (f64.mul (local.get $l) (f64.load offset=16 (local.get $xi)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $rows)))
        (v128.store align=8 (local.get $xj) (local.get $v))
        (f64.store offset=16 (local.get $xj) (local.get $x2))
        (local.set $jj (i32.sub (local.get $jj) (i32.const 1)))
        (br $cols))))

  ;; Forward through a supernode of at most 4 columns: the triangle, then L21·x subtracted straight from
  ;; b's rows below ($rows: their indices). Missing columns (w < 4) take a zero coefficient on column 0's
  ;; entries, as in JavaScript.
  (func $forwardNarrow32 (param $b i32) (param $rows i32) (param $lx i32) (param $f i32) (param $m i32) (param $w i32)
    (local $x i32) (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32) (local $col i32)
    (local $o i32) (local $end i32) (local $r i32)
    (local $va v128) (local $vp v128) (local $ve v128) (local $vg v128)
    (local $a2 f64) (local $p2 f64) (local $e2 f64) (local $g2 f64)
    (local $l0 f64) (local $l1 f64) (local $l2 f64) (local $l3 f64)
    (local.set $x (i32.add (local.get $b) (i32.mul (local.get $f) (i32.const 24))))
    (call $forwardTriangle32 (local.get $x) (local.get $lx) (local.get $m) (local.get $w))
    (local.set $col (i32.shl (local.get $m) (i32.const 2)))
    (local.set $c0 (i32.add (local.get $lx) (i32.shl (local.get $w) (i32.const 2))))
    (local.set $c1 (select (i32.add (local.get $c0) (local.get $col)) (local.get $c0) (i32.gt_s (local.get $w) (i32.const 1))))
    (local.set $c2 (select (i32.add (local.get $c0) (i32.shl (local.get $col) (i32.const 1))) (local.get $c0)
      (i32.gt_s (local.get $w) (i32.const 2))))
    (local.set $c3 (select (i32.add (local.get $c0) (i32.mul (local.get $col) (i32.const 3))) (local.get $c0)
      (i32.gt_s (local.get $w) (i32.const 3))))
    (local.set $va (v128.load align=8 (local.get $x)))
    (local.set $a2 (f64.load offset=16 (local.get $x)))
    (if (i32.gt_s (local.get $w) (i32.const 1))
      (then
        (local.set $vp (v128.load offset=24 align=8 (local.get $x)))
        (local.set $p2 (f64.load offset=40 (local.get $x)))))
    (if (i32.gt_s (local.get $w) (i32.const 2))
      (then
        (local.set $ve (v128.load offset=48 align=8 (local.get $x)))
        (local.set $e2 (f64.load offset=64 (local.get $x)))))
    (if (i32.gt_s (local.get $w) (i32.const 3))
      (then
        (local.set $vg (v128.load offset=72 align=8 (local.get $x)))
        (local.set $g2 (f64.load offset=88 (local.get $x)))))
    (local.set $o (i32.const 0))
    (local.set $end (i32.shl (i32.sub (local.get $m) (local.get $w)) (i32.const 3)))
    (block $done
      (loop $below
        (br_if $done (i32.ge_s (local.get $o) (local.get $end)))
        (local.set $r (i32.add (local.get $b)
          (i32.mul (i32.load (i32.add (local.get $rows) (i32.shr_u (local.get $o) (i32.const 1)))) (i32.const 24))))
        (local.set $l0 (f64.promote_f32 (f32.load (i32.add (local.get $c0) (i32.shr_u (local.get $o) (i32.const 1))))))
        (local.set $l1 (f64.promote_f32 (f32.load (i32.add (local.get $c1) (i32.shr_u (local.get $o) (i32.const 1))))))
        (local.set $l2 (f64.promote_f32 (f32.load (i32.add (local.get $c2) (i32.shr_u (local.get $o) (i32.const 1))))))
        (local.set $l3 (f64.promote_f32 (f32.load (i32.add (local.get $c3) (i32.shr_u (local.get $o) (i32.const 1))))))
        (v128.store align=8 (local.get $r)
          (f64x2.sub (v128.load align=8 (local.get $r))
            (f64x2.add
              (f64x2.add
                (f64x2.add (f64x2.mul (f64x2.splat (local.get $l0)) (local.get $va))
                  (f64x2.mul (f64x2.splat (local.get $l1)) (local.get $vp)))
                (f64x2.mul (f64x2.splat (local.get $l2)) (local.get $ve)))
              (f64x2.mul (f64x2.splat (local.get $l3)) (local.get $vg)))))
        (f64.store offset=16 (local.get $r)
          (f64.sub (f64.load offset=16 (local.get $r))
            (f64.add
              (f64.add
                (f64.add (f64.mul (local.get $l0) (local.get $a2)) (f64.mul (local.get $l1) (local.get $p2)))
                (f64.mul (local.get $l2) (local.get $e2)))
              (f64.mul (local.get $l3) (local.get $g2)))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (br $below))))

  ;; Backward through a supernode of at most 4 columns: L21ᵀ times b's solved rows below, read straight
  ;; from b, subtracted from its own rows; then the transposed triangle.
  (func $backwardNarrow32 (param $b i32) (param $rows i32) (param $lx i32) (param $f i32) (param $m i32) (param $w i32)
    (local $x i32) (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32) (local $col i32)
    (local $o i32) (local $end i32) (local $r i32)
    (local $va v128) (local $vp v128) (local $ve v128) (local $vg v128) (local $vt v128)
    (local $a2 f64) (local $p2 f64) (local $e2 f64) (local $g2 f64) (local $t2 f64)
    (local $l0 f64) (local $l1 f64) (local $l2 f64) (local $l3 f64)
    (local.set $x (i32.add (local.get $b) (i32.mul (local.get $f) (i32.const 24))))
    (local.set $col (i32.shl (local.get $m) (i32.const 2)))
    (local.set $c0 (i32.add (local.get $lx) (i32.shl (local.get $w) (i32.const 2))))
    (local.set $c1 (select (i32.add (local.get $c0) (local.get $col)) (local.get $c0) (i32.gt_s (local.get $w) (i32.const 1))))
    (local.set $c2 (select (i32.add (local.get $c0) (i32.shl (local.get $col) (i32.const 1))) (local.get $c0)
      (i32.gt_s (local.get $w) (i32.const 2))))
    (local.set $c3 (select (i32.add (local.get $c0) (i32.mul (local.get $col) (i32.const 3))) (local.get $c0)
      (i32.gt_s (local.get $w) (i32.const 3))))
    (local.set $o (i32.const 0))
    (local.set $end (i32.shl (i32.sub (local.get $m) (local.get $w)) (i32.const 3)))
    (block $done
      (loop $below
        (br_if $done (i32.ge_s (local.get $o) (local.get $end)))
        (local.set $r (i32.add (local.get $b)
          (i32.mul (i32.load (i32.add (local.get $rows) (i32.shr_u (local.get $o) (i32.const 1)))) (i32.const 24))))
        (local.set $vt (v128.load align=8 (local.get $r)))
        (local.set $t2 (f64.load offset=16 (local.get $r)))
        (local.set $l0 (f64.promote_f32 (f32.load (i32.add (local.get $c0) (i32.shr_u (local.get $o) (i32.const 1))))))
        (local.set $l1 (f64.promote_f32 (f32.load (i32.add (local.get $c1) (i32.shr_u (local.get $o) (i32.const 1))))))
        (local.set $l2 (f64.promote_f32 (f32.load (i32.add (local.get $c2) (i32.shr_u (local.get $o) (i32.const 1))))))
        (local.set $l3 (f64.promote_f32 (f32.load (i32.add (local.get $c3) (i32.shr_u (local.get $o) (i32.const 1))))))
        (local.set $va (f64x2.add (local.get $va) (f64x2.mul (f64x2.splat (local.get $l0)) (local.get $vt))))
        (local.set $a2 (f64.add (local.get $a2) (f64.mul (local.get $l0) (local.get $t2))))
        (local.set $vp (f64x2.add (local.get $vp) (f64x2.mul (f64x2.splat (local.get $l1)) (local.get $vt))))
        (local.set $p2 (f64.add (local.get $p2) (f64.mul (local.get $l1) (local.get $t2))))
        (local.set $ve (f64x2.add (local.get $ve) (f64x2.mul (f64x2.splat (local.get $l2)) (local.get $vt))))
        (local.set $e2 (f64.add (local.get $e2) (f64.mul (local.get $l2) (local.get $t2))))
        (local.set $vg (f64x2.add (local.get $vg) (f64x2.mul (f64x2.splat (local.get $l3)) (local.get $vt))))
        (local.set $g2 (f64.add (local.get $g2) (f64.mul (local.get $l3) (local.get $t2))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (br $below)))
    (v128.store align=8 (local.get $x) (f64x2.sub (v128.load align=8 (local.get $x)) (local.get $va)))
    (f64.store offset=16 (local.get $x) (f64.sub (f64.load offset=16 (local.get $x)) (local.get $a2)))
    (if (i32.gt_s (local.get $w) (i32.const 1))
      (then
        (v128.store offset=24 align=8 (local.get $x) (f64x2.sub (v128.load offset=24 align=8 (local.get $x)) (local.get $vp)))
        (f64.store offset=40 (local.get $x) (f64.sub (f64.load offset=40 (local.get $x)) (local.get $p2)))))
    (if (i32.gt_s (local.get $w) (i32.const 2))
      (then
        (v128.store offset=48 align=8 (local.get $x) (f64x2.sub (v128.load offset=48 align=8 (local.get $x)) (local.get $ve)))
        (f64.store offset=64 (local.get $x) (f64.sub (f64.load offset=64 (local.get $x)) (local.get $e2)))))
    (if (i32.gt_s (local.get $w) (i32.const 3))
      (then
        (v128.store offset=72 align=8 (local.get $x) (f64x2.sub (v128.load offset=72 align=8 (local.get $x)) (local.get $vg)))
        (f64.store offset=88 (local.get $x) (f64.sub (f64.load offset=88 (local.get $x)) (local.get $g2)))))
    (call $backwardTriangle32 (local.get $x) (local.get $lx) (local.get $m) (local.get $w)))

  ;; Forward through a wider supernode: the triangle, then t (the (m−w)×3 accumulator, zeroed here)
  ;; += L21·x four columns per pass, then b's rows below −= t.
  (func $forwardWide32 (param $b i32) (param $rows i32) (param $lx i32) (param $f i32) (param $m i32) (param $w i32)
    (param $t i32)
    (local $x i32) (local $j i32) (local $col i32) (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32)
    (local $o i32) (local $end i32) (local $at i32) (local $xo i32) (local $r i32)
    (local $va v128) (local $vp v128) (local $ve v128) (local $vg v128)
    (local $a2 f64) (local $p2 f64) (local $e2 f64) (local $g2 f64)
    (local $l0 f64) (local $l1 f64) (local $l2 f64) (local $l3 f64)
    (local.set $x (i32.add (local.get $b) (i32.mul (local.get $f) (i32.const 24))))
    (call $forwardTriangle32 (local.get $x) (local.get $lx) (local.get $m) (local.get $w))
    (local.set $col (i32.shl (local.get $m) (i32.const 2)))
    (local.set $end (i32.shl (i32.sub (local.get $m) (local.get $w)) (i32.const 3)))
    (memory.fill (local.get $t) (i32.const 0) (i32.mul (local.get $end) (i32.const 3)))
    (local.set $j (i32.const 0))
    (block $fourDone
      (loop $four
        (br_if $fourDone (i32.ge_s (i32.add (local.get $j) (i32.const 3)) (local.get $w)))
        (local.set $c0 (i32.add (i32.add (local.get $lx) (i32.mul (local.get $j) (local.get $col)))
          (i32.shl (local.get $w) (i32.const 2))))
        (local.set $c1 (i32.add (local.get $c0) (local.get $col)))
        (local.set $c2 (i32.add (local.get $c1) (local.get $col)))
        (local.set $c3 (i32.add (local.get $c2) (local.get $col)))
        (local.set $xo (i32.add (local.get $x) (i32.mul (local.get $j) (i32.const 24))))
        (local.set $va (v128.load align=8 (local.get $xo)))
        (local.set $a2 (f64.load offset=16 (local.get $xo)))
        (local.set $vp (v128.load offset=24 align=8 (local.get $xo)))
        (local.set $p2 (f64.load offset=40 (local.get $xo)))
        (local.set $ve (v128.load offset=48 align=8 (local.get $xo)))
        (local.set $e2 (f64.load offset=64 (local.get $xo)))
        (local.set $vg (v128.load offset=72 align=8 (local.get $xo)))
        (local.set $g2 (f64.load offset=88 (local.get $xo)))
        (local.set $o (i32.const 0))
        (local.set $at (local.get $t))
        (block $done
          (loop $below
            (br_if $done (i32.ge_s (local.get $o) (local.get $end)))
            (local.set $l0 (f64.promote_f32 (f32.load (i32.add (local.get $c0) (i32.shr_u (local.get $o) (i32.const 1))))))
            (local.set $l1 (f64.promote_f32 (f32.load (i32.add (local.get $c1) (i32.shr_u (local.get $o) (i32.const 1))))))
            (local.set $l2 (f64.promote_f32 (f32.load (i32.add (local.get $c2) (i32.shr_u (local.get $o) (i32.const 1))))))
            (local.set $l3 (f64.promote_f32 (f32.load (i32.add (local.get $c3) (i32.shr_u (local.get $o) (i32.const 1))))))
            (v128.store align=8 (local.get $at)
              (f64x2.add (v128.load align=8 (local.get $at))
                (f64x2.add
                  (f64x2.add
                    (f64x2.add (f64x2.mul (f64x2.splat (local.get $l0)) (local.get $va))
                      (f64x2.mul (f64x2.splat (local.get $l1)) (local.get $vp)))
                    (f64x2.mul (f64x2.splat (local.get $l2)) (local.get $ve)))
                  (f64x2.mul (f64x2.splat (local.get $l3)) (local.get $vg)))))
            (f64.store offset=16 (local.get $at)
              (f64.add (f64.load offset=16 (local.get $at))
                (f64.add
                  (f64.add
                    (f64.add (f64.mul (local.get $l0) (local.get $a2)) (f64.mul (local.get $l1) (local.get $p2)))
                    (f64.mul (local.get $l2) (local.get $e2)))
                  (f64.mul (local.get $l3) (local.get $g2)))))
            (local.set $o (i32.add (local.get $o) (i32.const 8)))
            (local.set $at (i32.add (local.get $at) (i32.const 24)))
            (br $below)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $four)))
    (block $oneDone
      (loop $one
        (br_if $oneDone (i32.ge_s (local.get $j) (local.get $w)))
        (local.set $c0 (i32.add (i32.add (local.get $lx) (i32.mul (local.get $j) (local.get $col)))
          (i32.shl (local.get $w) (i32.const 2))))
        (local.set $xo (i32.add (local.get $x) (i32.mul (local.get $j) (i32.const 24))))
        (local.set $va (v128.load align=8 (local.get $xo)))
        (local.set $a2 (f64.load offset=16 (local.get $xo)))
        (local.set $o (i32.const 0))
        (local.set $at (local.get $t))
        (block $done
          (loop $below
            (br_if $done (i32.ge_s (local.get $o) (local.get $end)))
            (local.set $l0 (f64.promote_f32 (f32.load (i32.add (local.get $c0) (i32.shr_u (local.get $o) (i32.const 1))))))
            (v128.store align=8 (local.get $at)
              (f64x2.add (v128.load align=8 (local.get $at)) (f64x2.mul (f64x2.splat (local.get $l0)) (local.get $va))))
            (f64.store offset=16 (local.get $at)
              (f64.add (f64.load offset=16 (local.get $at)) (f64.mul (local.get $l0) (local.get $a2))))
            (local.set $o (i32.add (local.get $o) (i32.const 8)))
            (local.set $at (i32.add (local.get $at) (i32.const 24)))
            (br $below)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $one)))
    ;; Scatter: b[rows[i]] −= t[i].
    (local.set $o (i32.const 0))
    (local.set $at (local.get $t))
    (block $done
      (loop $scatter
        (br_if $done (i32.ge_s (local.get $o) (local.get $end)))
        (local.set $r (i32.add (local.get $b)
          (i32.mul (i32.load (i32.add (local.get $rows) (i32.shr_u (local.get $o) (i32.const 1)))) (i32.const 24))))
        (v128.store align=8 (local.get $r) (f64x2.sub (v128.load align=8 (local.get $r)) (v128.load align=8 (local.get $at))))
        (f64.store offset=16 (local.get $r) (f64.sub (f64.load offset=16 (local.get $r)) (f64.load offset=16 (local.get $at))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (local.set $at (i32.add (local.get $at) (i32.const 24)))
        (br $scatter))))

  ;; Backward through a wider supernode: gather b's solved rows below into t, subtract L21ᵀ·t from b's
  ;; own rows four columns per pass, then the transposed triangle.
  (func $backwardWide32 (param $b i32) (param $rows i32) (param $lx i32) (param $f i32) (param $m i32) (param $w i32)
    (param $t i32)
    (local $x i32) (local $j i32) (local $col i32) (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32)
    (local $o i32) (local $end i32) (local $at i32) (local $xo i32) (local $r i32)
    (local $va v128) (local $vp v128) (local $ve v128) (local $vg v128) (local $vt v128)
    (local $a2 f64) (local $p2 f64) (local $e2 f64) (local $g2 f64) (local $t2 f64)
    (local $l0 f64) (local $l1 f64) (local $l2 f64) (local $l3 f64)
    (local.set $x (i32.add (local.get $b) (i32.mul (local.get $f) (i32.const 24))))
    (local.set $col (i32.shl (local.get $m) (i32.const 2)))
    (local.set $end (i32.shl (i32.sub (local.get $m) (local.get $w)) (i32.const 3)))
    ;; Gather: t[i] = b[rows[i]].
    (local.set $o (i32.const 0))
    (local.set $at (local.get $t))
    (block $done
      (loop $gather
        (br_if $done (i32.ge_s (local.get $o) (local.get $end)))
        (local.set $r (i32.add (local.get $b)
          (i32.mul (i32.load (i32.add (local.get $rows) (i32.shr_u (local.get $o) (i32.const 1)))) (i32.const 24))))
        (v128.store align=8 (local.get $at) (v128.load align=8 (local.get $r)))
        (f64.store offset=16 (local.get $at) (f64.load offset=16 (local.get $r)))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (local.set $at (i32.add (local.get $at) (i32.const 24)))
        (br $gather)))
    (local.set $j (i32.const 0))
    (block $fourDone
      (loop $four
        (br_if $fourDone (i32.ge_s (i32.add (local.get $j) (i32.const 3)) (local.get $w)))
        (local.set $c0 (i32.add (i32.add (local.get $lx) (i32.mul (local.get $j) (local.get $col)))
          (i32.shl (local.get $w) (i32.const 2))))
        (local.set $c1 (i32.add (local.get $c0) (local.get $col)))
        (local.set $c2 (i32.add (local.get $c1) (local.get $col)))
        (local.set $c3 (i32.add (local.get $c2) (local.get $col)))
        (local.set $va (v128.const f64x2 0 0))
        (local.set $vp (v128.const f64x2 0 0))
        (local.set $ve (v128.const f64x2 0 0))
        (local.set $vg (v128.const f64x2 0 0))
        (local.set $a2 (f64.const 0))
        (local.set $p2 (f64.const 0))
        (local.set $e2 (f64.const 0))
        (local.set $g2 (f64.const 0))
        (local.set $o (i32.const 0))
        (local.set $at (local.get $t))
        (block $done
          (loop $below
            (br_if $done (i32.ge_s (local.get $o) (local.get $end)))
            (local.set $vt (v128.load align=8 (local.get $at)))
            (local.set $t2 (f64.load offset=16 (local.get $at)))
            (local.set $l0 (f64.promote_f32 (f32.load (i32.add (local.get $c0) (i32.shr_u (local.get $o) (i32.const 1))))))
            (local.set $l1 (f64.promote_f32 (f32.load (i32.add (local.get $c1) (i32.shr_u (local.get $o) (i32.const 1))))))
            (local.set $l2 (f64.promote_f32 (f32.load (i32.add (local.get $c2) (i32.shr_u (local.get $o) (i32.const 1))))))
            (local.set $l3 (f64.promote_f32 (f32.load (i32.add (local.get $c3) (i32.shr_u (local.get $o) (i32.const 1))))))
            (local.set $va (f64x2.add (local.get $va) (f64x2.mul (f64x2.splat (local.get $l0)) (local.get $vt))))
            (local.set $a2 (f64.add (local.get $a2) (f64.mul (local.get $l0) (local.get $t2))))
            (local.set $vp (f64x2.add (local.get $vp) (f64x2.mul (f64x2.splat (local.get $l1)) (local.get $vt))))
            (local.set $p2 (f64.add (local.get $p2) (f64.mul (local.get $l1) (local.get $t2))))
            (local.set $ve (f64x2.add (local.get $ve) (f64x2.mul (f64x2.splat (local.get $l2)) (local.get $vt))))
            (local.set $e2 (f64.add (local.get $e2) (f64.mul (local.get $l2) (local.get $t2))))
            (local.set $vg (f64x2.add (local.get $vg) (f64x2.mul (f64x2.splat (local.get $l3)) (local.get $vt))))
            (local.set $g2 (f64.add (local.get $g2) (f64.mul (local.get $l3) (local.get $t2))))
            (local.set $o (i32.add (local.get $o) (i32.const 8)))
            (local.set $at (i32.add (local.get $at) (i32.const 24)))
            (br $below)))
        (local.set $xo (i32.add (local.get $x) (i32.mul (local.get $j) (i32.const 24))))
        (v128.store align=8 (local.get $xo) (f64x2.sub (v128.load align=8 (local.get $xo)) (local.get $va)))
        (f64.store offset=16 (local.get $xo) (f64.sub (f64.load offset=16 (local.get $xo)) (local.get $a2)))
        (v128.store offset=24 align=8 (local.get $xo) (f64x2.sub (v128.load offset=24 align=8 (local.get $xo)) (local.get $vp)))
        (f64.store offset=40 (local.get $xo) (f64.sub (f64.load offset=40 (local.get $xo)) (local.get $p2)))
        (v128.store offset=48 align=8 (local.get $xo) (f64x2.sub (v128.load offset=48 align=8 (local.get $xo)) (local.get $ve)))
        (f64.store offset=64 (local.get $xo) (f64.sub (f64.load offset=64 (local.get $xo)) (local.get $e2)))
        (v128.store offset=72 align=8 (local.get $xo) (f64x2.sub (v128.load offset=72 align=8 (local.get $xo)) (local.get $vg)))
        (f64.store offset=88 (local.get $xo) (f64.sub (f64.load offset=88 (local.get $xo)) (local.get $g2)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $four)))
    (block $oneDone
      (loop $one
        (br_if $oneDone (i32.ge_s (local.get $j) (local.get $w)))
        (local.set $c0 (i32.add (i32.add (local.get $lx) (i32.mul (local.get $j) (local.get $col)))
          (i32.shl (local.get $w) (i32.const 2))))
        (local.set $va (v128.const f64x2 0 0))
        (local.set $a2 (f64.const 0))
        (local.set $o (i32.const 0))
        (local.set $at (local.get $t))
        (block $done
          (loop $below
            (br_if $done (i32.ge_s (local.get $o) (local.get $end)))
            (local.set $l0 (f64.promote_f32 (f32.load (i32.add (local.get $c0) (i32.shr_u (local.get $o) (i32.const 1))))))
            (local.set $va (f64x2.add (local.get $va)
              (f64x2.mul (f64x2.splat (local.get $l0)) (v128.load align=8 (local.get $at)))))
            (local.set $a2 (f64.add (local.get $a2) (f64.mul (local.get $l0) (f64.load offset=16 (local.get $at)))))
            (local.set $o (i32.add (local.get $o) (i32.const 8)))
            (local.set $at (i32.add (local.get $at) (i32.const 24)))
            (br $below)))
        (local.set $xo (i32.add (local.get $x) (i32.mul (local.get $j) (i32.const 24))))
        (v128.store align=8 (local.get $xo) (f64x2.sub (v128.load align=8 (local.get $xo)) (local.get $va)))
        (f64.store offset=16 (local.get $xo) (f64.sub (f64.load offset=16 (local.get $xo)) (local.get $a2)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $one)))
    (call $backwardTriangle32 (local.get $x) (local.get $lx) (local.get $m) (local.get $w)))

  ;; Solves L·D·Lᵀ x = b in place (b: n×3 at $b) with the factor at $values / $d; $t: 3·(largest front)
  ;; doubles of scratch.
  (func $solve3f32 (export "solve3f32")
    (param $S i32) (param $n i32) (param $first i32) (param $rowPtr i32) (param $rows i32) (param $valPtr i32)
    (param $values i32) (param $d i32) (param $b i32) (param $t i32)
    (local $s i32) (local $s4 i32) (local $f i32) (local $w i32) (local $r0 i32) (local $m i32) (local $lx i32)
    (local $rb i32) (local $j i32) (local $at i32) (local $inv f64)
    ;; Forward: L y = b.
    (local.set $s (i32.const 0))
    (block $forwardDone
      (loop $forward
        (br_if $forwardDone (i32.ge_s (local.get $s) (local.get $S)))
        (local.set $s4 (i32.shl (local.get $s) (i32.const 2)))
        (local.set $f (i32.load (i32.add (local.get $first) (local.get $s4))))
        (local.set $w (i32.sub (i32.load offset=4 (i32.add (local.get $first) (local.get $s4))) (local.get $f)))
        (local.set $r0 (i32.load (i32.add (local.get $rowPtr) (local.get $s4))))
        (local.set $m (i32.sub (i32.load offset=4 (i32.add (local.get $rowPtr) (local.get $s4))) (local.get $r0)))
        (local.set $lx (i32.add (local.get $values)
          (i32.shl (i32.load (i32.add (local.get $valPtr) (local.get $s4))) (i32.const 2))))
        (local.set $rb (i32.add (local.get $rows) (i32.shl (i32.add (local.get $r0) (local.get $w)) (i32.const 2))))
        (if (i32.le_s (local.get $w) (i32.const 4))
          (then (call $forwardNarrow32 (local.get $b) (local.get $rb) (local.get $lx) (local.get $f) (local.get $m) (local.get $w)))
          (else
            (call $forwardWide32 (local.get $b) (local.get $rb) (local.get $lx) (local.get $f) (local.get $m) (local.get $w)
              (local.get $t))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $forward)))
    ;; D z = y.
    (local.set $j (i32.const 0))
    (local.set $at (local.get $b))
    (block $divideDone
      (loop $divide
        (br_if $divideDone (i32.ge_s (local.get $j) (local.get $n)))
        (local.set $inv (f64.div (f64.const 1) (f64.load (i32.add (local.get $d) (i32.shl (local.get $j) (i32.const 3))))))
        (v128.store align=8 (local.get $at) (f64x2.mul (v128.load align=8 (local.get $at)) (f64x2.splat (local.get $inv))))
        (f64.store offset=16 (local.get $at) (f64.mul (f64.load offset=16 (local.get $at)) (local.get $inv)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (local.set $at (i32.add (local.get $at) (i32.const 24)))
        (br $divide)))
    ;; Backward: Lᵀ x = z.
    (local.set $s (i32.sub (local.get $S) (i32.const 1)))
    (block $backwardDone
      (loop $backward
        (br_if $backwardDone (i32.lt_s (local.get $s) (i32.const 0)))
        (local.set $s4 (i32.shl (local.get $s) (i32.const 2)))
        (local.set $f (i32.load (i32.add (local.get $first) (local.get $s4))))
        (local.set $w (i32.sub (i32.load offset=4 (i32.add (local.get $first) (local.get $s4))) (local.get $f)))
        (local.set $r0 (i32.load (i32.add (local.get $rowPtr) (local.get $s4))))
        (local.set $m (i32.sub (i32.load offset=4 (i32.add (local.get $rowPtr) (local.get $s4))) (local.get $r0)))
        (local.set $lx (i32.add (local.get $values)
          (i32.shl (i32.load (i32.add (local.get $valPtr) (local.get $s4))) (i32.const 2))))
        (local.set $rb (i32.add (local.get $rows) (i32.shl (i32.add (local.get $r0) (local.get $w)) (i32.const 2))))
        (if (i32.le_s (local.get $w) (i32.const 4))
          (then (call $backwardNarrow32 (local.get $b) (local.get $rb) (local.get $lx) (local.get $f) (local.get $m) (local.get $w)))
          (else
            (call $backwardWide32 (local.get $b) (local.get $rb) (local.get $lx) (local.get $f) (local.get $m) (local.get $w)
              (local.get $t))))
        (local.set $s (i32.sub (local.get $s) (i32.const 1)))
        (br $backward))))

  ;; ---- Between the caller's numbering and the factor's (SparseSolver's scatterSlots, gatherRows and
  ;; scatterRows, for 3 columns): pure data movement.

  ;; a[slotMap[p]] = values[p] for p < nnz.
  (func (export "scatterSlots") (param $values i32) (param $slotMap i32) (param $nnz i32) (param $a i32)
    (local $p i32)
    (block $done
      (loop $slots
        (br_if $done (i32.ge_s (local.get $p) (local.get $nnz)))
        (f64.store
          (i32.add (local.get $a)
            (i32.shl (i32.load (i32.add (local.get $slotMap) (i32.shl (local.get $p) (i32.const 2)))) (i32.const 3)))
          (f64.load (i32.add (local.get $values) (i32.shl (local.get $p) (i32.const 3)))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $slots))))

  ;; Row i of dst (n×3) = row perm[i] of src.
  (func $gatherRows3 (export "gatherRows3") (param $src i32) (param $perm i32) (param $n i32) (param $dst i32)
    (local $i i32) (local $from i32) (local $to i32)
    (local.set $to (local.get $dst))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $from (i32.add (local.get $src)
          (i32.mul (i32.load (i32.add (local.get $perm) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 24))))
        (v128.store align=8 (local.get $to) (v128.load align=8 (local.get $from)))
        (f64.store offset=16 (local.get $to) (f64.load offset=16 (local.get $from)))
        (local.set $to (i32.add (local.get $to) (i32.const 24)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; Row perm[i] of dst (n×3) = row i of src.
  (func $scatterRows3 (export "scatterRows3") (param $src i32) (param $perm i32) (param $n i32) (param $dst i32)
    (local $i i32) (local $from i32) (local $to i32)
    (local.set $from (local.get $src))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $to (i32.add (local.get $dst)
          (i32.mul (i32.load (i32.add (local.get $perm) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 24))))
        (v128.store align=8 (local.get $to) (v128.load align=8 (local.get $from)))
        (f64.store offset=16 (local.get $to) (f64.load offset=16 (local.get $from)))
        (local.set $from (i32.add (local.get $from) (i32.const 24)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; ---- Conjugate gradients preconditioned with the float32 factor, 3 columns (SparseSolver.solveIterative
  ;; and its helpers symmetricMultiply, columnDots, subtract, updateSolution, updateDirection, operation for
  ;; operation). Vectors are n×3 in the caller's numbering; A is the upper triangle `values` on the pattern
  ;; (colPtr, rowIdx) in the caller's numbering. The scalars per column live in the 16 f64 slots at $s:
  ;; bNorm 0–2, dots 3–5, rz 6–8, pq 9–11, alpha/beta 12–14, the last residual 15.

  ;; y = A·x (SymmetricPattern.ts symmetricMultiply, k = 3).
  (func $multiply3 (param $n i32) (param $colPtr i32) (param $rowIdx i32) (param $values i32)
    (param $x i32) (param $y i32)
    (local $j i32) (local $p i32) (local $end i32) (local $xi i32) (local $yi i32) (local $xj i32) (local $yj i32)
    (local $a f64) (local $x0 f64) (local $x1 f64) (local $x2 f64) (local $s0 f64) (local $s1 f64) (local $s2 f64)
    (local $d f64)
    (memory.fill (local.get $y) (i32.const 0) (i32.mul (local.get $n) (i32.const 24)))
    (block $done
      (loop $columns
        (br_if $done (i32.ge_s (local.get $j) (local.get $n)))
        (local.set $xj (i32.add (local.get $x) (i32.mul (local.get $j) (i32.const 24))))
        (local.set $yj (i32.add (local.get $y) (i32.mul (local.get $j) (i32.const 24))))
        (local.set $x0 (f64.load (local.get $xj)))
        (local.set $x1 (f64.load offset=8 (local.get $xj)))
        (local.set $x2 (f64.load offset=16 (local.get $xj)))
        (local.set $s0 (f64.const 0))
        (local.set $s1 (f64.const 0))
        (local.set $s2 (f64.const 0))
        (local.set $p (i32.load (i32.add (local.get $colPtr) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $end (i32.sub
          (i32.load offset=4 (i32.add (local.get $colPtr) (i32.shl (local.get $j) (i32.const 2)))) (i32.const 1)))
        (block $entriesDone
          (loop $entries
            (br_if $entriesDone (i32.ge_s (local.get $p) (local.get $end)))
            (local.set $a (f64.load (i32.add (local.get $values) (i32.shl (local.get $p) (i32.const 3)))))
            (local.set $xi (i32.mul (i32.load (i32.add (local.get $rowIdx) (i32.shl (local.get $p) (i32.const 2))))
              (i32.const 24)))
            (local.set $yi (i32.add (local.get $y) (local.get $xi)))
            (local.set $xi (i32.add (local.get $x) (local.get $xi)))
            (f64.store (local.get $yi) (f64.add (f64.load (local.get $yi)) (f64.mul (local.get $a) (local.get $x0))))
            (f64.store offset=8 (local.get $yi)
              (f64.add (f64.load offset=8 (local.get $yi)) (f64.mul (local.get $a) (local.get $x1))))
            (f64.store offset=16 (local.get $yi)
              (f64.add (f64.load offset=16 (local.get $yi)) (f64.mul (local.get $a) (local.get $x2))))
            (local.set $s0 (f64.add (local.get $s0) (f64.mul (local.get $a) (f64.load (local.get $xi)))))
            (local.set $s1 (f64.add (local.get $s1) (f64.mul (local.get $a) (f64.load offset=8 (local.get $xi)))))
            (local.set $s2 (f64.add (local.get $s2) (f64.mul (local.get $a) (f64.load offset=16 (local.get $xi)))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $entries)))
        (local.set $d (f64.load (i32.add (local.get $values) (i32.shl (local.get $end) (i32.const 3)))))
        (f64.store (local.get $yj)
          (f64.add (f64.load (local.get $yj)) (f64.add (local.get $s0) (f64.mul (local.get $d) (local.get $x0)))))
        (f64.store offset=8 (local.get $yj)
          (f64.add (f64.load offset=8 (local.get $yj)) (f64.add (local.get $s1) (f64.mul (local.get $d) (local.get $x1)))))
        (f64.store offset=16 (local.get $yj)
          (f64.add (f64.load offset=16 (local.get $yj)) (f64.add (local.get $s2) (f64.mul (local.get $d) (local.get $x2)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $columns))))

  ;; out[0..2] = the three columns' dot products of a and b (n×3), summed in row order (columnDots).
  (func $dots3 (param $a i32) (param $b i32) (param $n i32) (param $out i32)
    (local $end i32) (local $d0 f64) (local $d1 f64) (local $d2 f64)
    (local.set $end (i32.add (local.get $a) (i32.mul (local.get $n) (i32.const 24))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $d0 (f64.add (local.get $d0) (f64.mul (f64.load (local.get $a)) (f64.load (local.get $b)))))
        (local.set $d1 (f64.add (local.get $d1) (f64.mul (f64.load offset=8 (local.get $a)) (f64.load offset=8 (local.get $b)))))
        (local.set $d2 (f64.add (local.get $d2) (f64.mul (f64.load offset=16 (local.get $a)) (f64.load offset=16 (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 24)))
        (local.set $b (i32.add (local.get $b) (i32.const 24)))
        (br $rows)))
    (f64.store (local.get $out) (local.get $d0))
    (f64.store offset=8 (local.get $out) (local.get $d1))
    (f64.store offset=16 (local.get $out) (local.get $d2)))

  ;; max over the columns of sqrt(r·r)/bNorm, NaN-propagating like Math.max (dots: scratch slots 3–5).
  (func $worst (param $r i32) (param $n i32) (param $s i32) (result f64)
    (local $w f64) (local $c i32)
    (call $dots3 (local.get $r) (local.get $r) (local.get $n) (i32.add (local.get $s) (i32.const 24)))
    (local.set $w (f64.const 0))
    (block $done
      (loop $columns
        (br_if $done (i32.ge_s (local.get $c) (i32.const 3)))
        (local.set $w (f64.max (local.get $w)
          (f64.div (f64.sqrt (f64.load offset=24 (i32.add (local.get $s) (i32.shl (local.get $c) (i32.const 3)))))
            (f64.load (i32.add (local.get $s) (i32.shl (local.get $c) (i32.const 3)))))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $columns)))
    (local.get $w))

  ;; Solves A·x = b; x holds the first guess. Returns the iterations; slot 15 of $s gets the residual.
  ;; $work: r, z, p, q (n×3 each, consecutive); the preconditioner is the float32 factor at $values32,
  ;; applied through $perm (perm[new] = old) with $bw (n×3) and $t as scratch.
  (func (export "pcg3")
    (param $n i32) (param $colPtr i32) (param $rowIdx i32) (param $a i32) (param $b i32) (param $x i32)
    (param $work i32) (param $s i32) (param $tol f64) (param $maxIterations i32)
    (param $S i32) (param $first i32) (param $rowPtr i32) (param $rows i32) (param $valPtr i32)
    (param $values32 i32) (param $d i32) (param $perm i32) (param $bw i32) (param $t i32)
    (result i32)
    (local $r i32) (local $z i32) (local $p i32) (local $q i32) (local $size i32) (local $c i32)
    (local $o i32) (local $end i32) (local $iterations i32) (local $residual f64) (local $v f64)
    (local $a0 f64) (local $a1 f64) (local $a2 f64)
    (local.set $size (i32.mul (local.get $n) (i32.const 24)))
    (local.set $r (local.get $work))
    (local.set $z (i32.add (local.get $r) (local.get $size)))
    (local.set $p (i32.add (local.get $z) (local.get $size)))
    (local.set $q (i32.add (local.get $p) (local.get $size)))
    ;; bNorm = sqrt(b·b), or 1 where that is 0 (or NaN).
    (call $dots3 (local.get $b) (local.get $b) (local.get $n) (local.get $s))
    (local.set $c (i32.const 0))
    (block $done
      (loop $columns
        (br_if $done (i32.ge_s (local.get $c) (i32.const 3)))
        (local.set $v (f64.sqrt (f64.load (i32.add (local.get $s) (i32.shl (local.get $c) (i32.const 3))))))
        ;; JavaScript's `|| 1`: 0 and NaN are falsy.
        (if (i32.or (f64.eq (local.get $v) (f64.const 0)) (f64.ne (local.get $v) (local.get $v)))
          (then (local.set $v (f64.const 1))))
        (f64.store (i32.add (local.get $s) (i32.shl (local.get $c) (i32.const 3))) (local.get $v))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $columns)))
    ;; r = b − A·x.
    (call $multiply3 (local.get $n) (local.get $colPtr) (local.get $rowIdx) (local.get $a) (local.get $x) (local.get $q))
    (local.set $o (i32.const 0))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_s (local.get $o) (local.get $size)))
        (f64.store (i32.add (local.get $r) (local.get $o))
          (f64.sub (f64.load (i32.add (local.get $b) (local.get $o))) (f64.load (i32.add (local.get $q) (local.get $o)))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (br $rows)))
    (local.set $residual (call $worst (local.get $r) (local.get $n) (local.get $s)))
    (f64.store offset=120 (local.get $s) (local.get $residual))
    (if (f64.le (local.get $residual) (local.get $tol)) (then (return (i32.const 0))))
    ;; z = M⁻¹ r; p = z; rz = r·z.
    (call $precondition (local.get $r) (local.get $z) (local.get $n) (local.get $S) (local.get $first)
      (local.get $rowPtr) (local.get $rows) (local.get $valPtr) (local.get $values32) (local.get $d)
      (local.get $perm) (local.get $bw) (local.get $t))
    (memory.copy (local.get $p) (local.get $z) (local.get $size))
    (call $dots3 (local.get $r) (local.get $z) (local.get $n) (i32.add (local.get $s) (i32.const 48)))
    (block $converged
      (loop $iterate
        (br_if $converged (i32.ge_s (local.get $iterations) (local.get $maxIterations)))
        (local.set $iterations (i32.add (local.get $iterations) (i32.const 1)))
        (call $multiply3 (local.get $n) (local.get $colPtr) (local.get $rowIdx) (local.get $a) (local.get $p) (local.get $q))
        (call $dots3 (local.get $p) (local.get $q) (local.get $n) (i32.add (local.get $s) (i32.const 72)))
        ;; alpha = pq > 0 ? rz / pq : 0.
        (local.set $a0 (select (f64.div (f64.load offset=48 (local.get $s)) (f64.load offset=72 (local.get $s)))
          (f64.const 0) (f64.gt (f64.load offset=72 (local.get $s)) (f64.const 0))))
        (local.set $a1 (select (f64.div (f64.load offset=56 (local.get $s)) (f64.load offset=80 (local.get $s)))
          (f64.const 0) (f64.gt (f64.load offset=80 (local.get $s)) (f64.const 0))))
        (local.set $a2 (select (f64.div (f64.load offset=64 (local.get $s)) (f64.load offset=88 (local.get $s)))
          (f64.const 0) (f64.gt (f64.load offset=88 (local.get $s)) (f64.const 0))))
        ;; x += alpha·p, r −= alpha·q.
        (local.set $o (i32.const 0))
        (block $done
          (loop $rows
            (br_if $done (i32.ge_s (local.get $o) (local.get $size)))
            (call $axpy3 (i32.add (local.get $x) (local.get $o)) (i32.add (local.get $p) (local.get $o))
              (local.get $a0) (local.get $a1) (local.get $a2) (i32.const 0))
            (call $axpy3 (i32.add (local.get $r) (local.get $o)) (i32.add (local.get $q) (local.get $o))
              (local.get $a0) (local.get $a1) (local.get $a2) (i32.const 1))
            (local.set $o (i32.add (local.get $o) (i32.const 24)))
            (br $rows)))
        (local.set $residual (call $worst (local.get $r) (local.get $n) (local.get $s)))
        (f64.store offset=120 (local.get $s) (local.get $residual))
        (br_if $converged (f64.le (local.get $residual) (local.get $tol)))
        (call $precondition (local.get $r) (local.get $z) (local.get $n) (local.get $S) (local.get $first)
          (local.get $rowPtr) (local.get $rows) (local.get $valPtr) (local.get $values32) (local.get $d)
          (local.get $perm) (local.get $bw) (local.get $t))
        (call $dots3 (local.get $r) (local.get $z) (local.get $n) (i32.add (local.get $s) (i32.const 24)))
        ;; beta = rz > 0 ? (r·z) / rz : 0; rz = r·z.
        (local.set $a0 (select (f64.div (f64.load offset=24 (local.get $s)) (f64.load offset=48 (local.get $s)))
          (f64.const 0) (f64.gt (f64.load offset=48 (local.get $s)) (f64.const 0))))
        (local.set $a1 (select (f64.div (f64.load offset=32 (local.get $s)) (f64.load offset=56 (local.get $s)))
          (f64.const 0) (f64.gt (f64.load offset=56 (local.get $s)) (f64.const 0))))
        (local.set $a2 (select (f64.div (f64.load offset=40 (local.get $s)) (f64.load offset=64 (local.get $s)))
          (f64.const 0) (f64.gt (f64.load offset=64 (local.get $s)) (f64.const 0))))
        (f64.store offset=48 (local.get $s) (f64.load offset=24 (local.get $s)))
        (f64.store offset=56 (local.get $s) (f64.load offset=32 (local.get $s)))
        (f64.store offset=64 (local.get $s) (f64.load offset=40 (local.get $s)))
        ;; p = z + beta·p.
        (local.set $o (i32.const 0))
        (local.set $end (local.get $size))
        (block $done
          (loop $rows
            (br_if $done (i32.ge_s (local.get $o) (local.get $end)))
            (call $direction3 (i32.add (local.get $p) (local.get $o)) (i32.add (local.get $z) (local.get $o))
              (local.get $a0) (local.get $a1) (local.get $a2))
            (local.set $o (i32.add (local.get $o) (i32.const 24)))
            (br $rows)))
        (br $iterate)))
    (local.get $iterations))

  ;; One row: y += c·v ($subtract = 0) or y −= c·v ($subtract = 1), per column.
  (func $axpy3 (param $y i32) (param $v i32) (param $c0 f64) (param $c1 f64) (param $c2 f64) (param $subtract i32)
    (if (local.get $subtract)
      (then
        (f64.store (local.get $y) (f64.sub (f64.load (local.get $y)) (f64.mul (local.get $c0) (f64.load (local.get $v)))))
        (f64.store offset=8 (local.get $y)
          (f64.sub (f64.load offset=8 (local.get $y)) (f64.mul (local.get $c1) (f64.load offset=8 (local.get $v)))))
        (f64.store offset=16 (local.get $y)
          (f64.sub (f64.load offset=16 (local.get $y)) (f64.mul (local.get $c2) (f64.load offset=16 (local.get $v))))))
      (else
        (f64.store (local.get $y) (f64.add (f64.load (local.get $y)) (f64.mul (local.get $c0) (f64.load (local.get $v)))))
        (f64.store offset=8 (local.get $y)
          (f64.add (f64.load offset=8 (local.get $y)) (f64.mul (local.get $c1) (f64.load offset=8 (local.get $v)))))
        (f64.store offset=16 (local.get $y)
          (f64.add (f64.load offset=16 (local.get $y)) (f64.mul (local.get $c2) (f64.load offset=16 (local.get $v))))))))

  ;; One row: p = z + beta·p, per column.
  (func $direction3 (param $p i32) (param $z i32) (param $b0 f64) (param $b1 f64) (param $b2 f64)
    (f64.store (local.get $p) (f64.add (f64.load (local.get $z)) (f64.mul (local.get $b0) (f64.load (local.get $p)))))
    (f64.store offset=8 (local.get $p)
      (f64.add (f64.load offset=8 (local.get $z)) (f64.mul (local.get $b1) (f64.load offset=8 (local.get $p)))))
    (f64.store offset=16 (local.get $p)
      (f64.add (f64.load offset=16 (local.get $z)) (f64.mul (local.get $b2) (f64.load offset=16 (local.get $p))))))

  ;; z = (L·D·Lᵀ)⁻¹ r with the float32 factor, r and z in the caller's numbering.
  (func $precondition (param $r i32) (param $z i32) (param $n i32) (param $S i32) (param $first i32)
    (param $rowPtr i32) (param $rows i32) (param $valPtr i32) (param $values32 i32) (param $d i32)
    (param $perm i32) (param $bw i32) (param $t i32)
    (call $gatherRows3 (local.get $r) (local.get $perm) (local.get $n) (local.get $bw))
    (call $solve3f32 (local.get $S) (local.get $n) (local.get $first) (local.get $rowPtr) (local.get $rows)
      (local.get $valPtr) (local.get $values32) (local.get $d) (local.get $bw) (local.get $t))
    (call $scatterRows3 (local.get $bw) (local.get $perm) (local.get $n) (local.get $z)))
)

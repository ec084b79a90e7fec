;; The symbolic phase of SparseSolver in WebAssembly: the graph's adjacency, the approximate minimum degree
;; ordering (src/core/sparse/minimumDegree.ts), the elimination tree and column counts of the ordered
;; matrix, its postorder, the permuted pattern (eliminationTree.ts, SymmetricPattern.ts) and the
;; supernodal analysis (SupernodalLdlt.ts analyseSupernodes).
;;
;; Why: this runs once per flow, so a fresh worker runs the JavaScript version in V8's interpreter until it
;; is optimised: the ordering alone takes 7–20 ms cold on an 829-vertex mesh that it orders in 0.6 ms warm,
;; and the whole phase was a quarter of spot_low's flow. A module is compiled before it runs. The pivot
;; phases are separate functions, as in the JavaScript, so that V8's dynamic tiering can move the hot ones
;; to its optimising compiler while the ordering runs (a WebAssembly loop cannot switch tiers in the
;; middle of a call).
;;
;; Each function is the JavaScript code statement for statement, on int32 arrays in this memory, so it
;; returns the same arrays (test/core/wasm/wasmSymbolic.test.ts checks them against each other). Minimum
;; degree keeps its arrays at the global base addresses below (each n+1 long, `store` `capacity` long)
;; and sums a variable's hash in i64 (the JavaScript sums in doubles, exactly); the other functions take
;; byte offsets. Columns of the permuted pattern are sorted by insertion, also the long ones (the
;; JavaScript sorts those with Array.sort; rows in a column are distinct, so both give the same order).
(module
  (memory (export "memory") 1)
  (global $store (mut i32) (i32.const 0))
  (global $start (mut i32) (i32.const 0))
  (global $len (mut i32) (i32.const 0))
  (global $nv (mut i32) (i32.const 0))
  (global $next (mut i32) (i32.const 0))
  (global $last (mut i32) (i32.const 0))
  (global $head (mut i32) (i32.const 0))
  (global $elen (mut i32) (i32.const 0))
  (global $degree (mut i32) (i32.const 0))
  (global $w (mut i32) (i32.const 0))
  (global $hhead (mut i32) (i32.const 0))
  (global $n (mut i32) (i32.const 0))
  (global $capacity (mut i32) (i32.const 0))
  (global $mark (mut i32) (i32.const 0))
  (global $eliminated (mut i32) (i32.const 0))
  (global $free (mut i32) (i32.const 0))
  (global $minDegree (mut i32) (i32.const 0))
  (global $maxElement (mut i32) (i32.const 0))
  (global $k (mut i32) (i32.const 0))
  (global $pk1 (mut i32) (i32.const 0))
  (global $pk2 (mut i32) (i32.const 0))
  (global $dk (mut i32) (i32.const 0))
  (global $nvk (mut i32) (i32.const 0))
  ;; flip(e) = −e − 2 ("absorbed into e" as a negative number, and back) is written out as (i32.sub −2 e):
  ;; each small function that gets hot costs an optimising compile of its own.
  ;; clearMarks: a fresh mark above every live w (mark in i64: mark + maxElement may pass int32).
  (func $clearMarks
    (param $mark i64)
    (result i32)
    (local $k i32)
    (if
      (i32.or
        (i64.lt_s (local.get $mark) (i64.const 2))
        (i64.ge_s
          (i64.add (local.get $mark) (i64.extend_i32_s (global.get $maxElement)))
          (i64.const 0x7fffffff)))
      (then
        (local.set $k (i32.const 0))
        (block $done
          (loop $vertices
            (br_if $done (i32.ge_s (local.get $k) (global.get $n)))
            (if
              (i32.ne
                (i32.load (i32.add (global.get $w) (i32.shl (local.get $k) (i32.const 2))))
                (i32.const 0))
              (then
                (i32.store (i32.add (global.get $w) (i32.shl (local.get $k) (i32.const 2))) (i32.const 1))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $vertices)))
        (return (i32.const 2))))
    (i32.wrap_i64 (local.get $mark)))
  ;; The QuotientGraph constructor: the graph (xadj: n+1, adj) at byte offsets; work arrays from `work`.
  (func $init
    (param $n i32)
    (param $xadj i32)
    (param $adj i32)
    (param $work i32)
    (local $nnz i32)
    (local $size i32)
    (local $i i32)
    (local $d i32)
    (local $dense i32)
    (local $eliminated i32)
    (local $a i32)
    (global.set $n (local.get $n))
    (local.set $nnz (i32.load (i32.add (local.get $xadj) (i32.shl (local.get $n) (i32.const 2)))))
    (local.set $size (i32.add (local.get $n) (i32.const 1)))
    (global.set $capacity
      (i32.add
        (i32.add (i32.shl (local.get $nnz) (i32.const 1)) (i32.shl (local.get $n) (i32.const 1)))
        (i32.const 1)))
    (global.set $store (local.get $work))
    (local.set $a (i32.add (local.get $work) (i32.shl (global.get $capacity) (i32.const 2))))
    (global.set $start (local.get $a))
    (local.set $a (i32.add (local.get $a) (i32.shl (local.get $size) (i32.const 2))))
    (global.set $len (local.get $a))
    (local.set $a (i32.add (local.get $a) (i32.shl (local.get $size) (i32.const 2))))
    (global.set $nv (local.get $a))
    (local.set $a (i32.add (local.get $a) (i32.shl (local.get $size) (i32.const 2))))
    (global.set $next (local.get $a))
    (local.set $a (i32.add (local.get $a) (i32.shl (local.get $size) (i32.const 2))))
    (global.set $last (local.get $a))
    (local.set $a (i32.add (local.get $a) (i32.shl (local.get $size) (i32.const 2))))
    (global.set $head (local.get $a))
    (local.set $a (i32.add (local.get $a) (i32.shl (local.get $size) (i32.const 2))))
    (global.set $elen (local.get $a))
    (local.set $a (i32.add (local.get $a) (i32.shl (local.get $size) (i32.const 2))))
    (global.set $degree (local.get $a))
    (local.set $a (i32.add (local.get $a) (i32.shl (local.get $size) (i32.const 2))))
    (global.set $w (local.get $a))
    (local.set $a (i32.add (local.get $a) (i32.shl (local.get $size) (i32.const 2))))
    (global.set $hhead (local.get $a))
    (memory.copy (global.get $store) (local.get $adj) (i32.shl (local.get $nnz) (i32.const 2)))
    (local.set $i (i32.const 0))
    (block $done
      (loop $vertices
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (i32.store
          (i32.add (global.get $start) (i32.shl (local.get $i) (i32.const 2)))
          (i32.load (i32.add (local.get $xadj) (i32.shl (local.get $i) (i32.const 2)))))
        (i32.store
          (i32.add (global.get $len) (i32.shl (local.get $i) (i32.const 2)))
          (i32.sub
            (i32.load
              (i32.add (local.get $xadj) (i32.shl (i32.add (local.get $i) (i32.const 1)) (i32.const 2))))
            (i32.load (i32.add (local.get $xadj) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $vertices)))
    (i32.store (i32.add (global.get $len) (i32.shl (local.get $n) (i32.const 2))) (i32.const 0))
    (local.set $i (i32.const 0))
    (block $done
      (loop $nodes
        (br_if $done (i32.ge_s (local.get $i) (local.get $size)))
        (i32.store (i32.add (global.get $head) (i32.shl (local.get $i) (i32.const 2))) (i32.const -1))
        (i32.store (i32.add (global.get $last) (i32.shl (local.get $i) (i32.const 2))) (i32.const -1))
        (i32.store (i32.add (global.get $next) (i32.shl (local.get $i) (i32.const 2))) (i32.const -1))
        (i32.store (i32.add (global.get $hhead) (i32.shl (local.get $i) (i32.const 2))) (i32.const -1))
        (i32.store (i32.add (global.get $nv) (i32.shl (local.get $i) (i32.const 2))) (i32.const 1))
        (i32.store (i32.add (global.get $w) (i32.shl (local.get $i) (i32.const 2))) (i32.const 1))
        (i32.store (i32.add (global.get $elen) (i32.shl (local.get $i) (i32.const 2))) (i32.const 0))
        (i32.store
          (i32.add (global.get $degree) (i32.shl (local.get $i) (i32.const 2)))
          (i32.load (i32.add (global.get $len) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $nodes)))
    (global.set $maxElement (i32.const 0))
    (global.set $mark (call $clearMarks (i64.const 0)))
    (i32.store (i32.add (global.get $elen) (i32.shl (local.get $n) (i32.const 2))) (i32.const -2))
    (i32.store (i32.add (global.get $start) (i32.shl (local.get $n) (i32.const 2))) (i32.const -1))
    (i32.store (i32.add (global.get $w) (i32.shl (local.get $n) (i32.const 2))) (i32.const 0))
    ;; dense = min(n − 2, max(16, floor(10·sqrt(n))))
    (local.set $dense
      (i32.trunc_f64_s (f64.floor (f64.mul (f64.const 10) (f64.sqrt (f64.convert_i32_s (local.get $n)))))))
    (if (i32.lt_s (local.get $dense) (i32.const 16)) (then (local.set $dense (i32.const 16))))
    (if
      (i32.lt_s (i32.sub (local.get $n) (i32.const 2)) (local.get $dense))
      (then (local.set $dense (i32.sub (local.get $n) (i32.const 2)))))
    (local.set $eliminated (i32.const 0))
    (local.set $i (i32.const 0))
    (block $done
      (loop $vertices
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $d (i32.load (i32.add (global.get $degree) (i32.shl (local.get $i) (i32.const 2)))))
        (if
          (i32.eqz (local.get $d))
          (then
            ;; An isolated vertex: an element with nothing in it.
            (i32.store (i32.add (global.get $elen) (i32.shl (local.get $i) (i32.const 2))) (i32.const -2))
            (local.set $eliminated (i32.add (local.get $eliminated) (i32.const 1)))
            (i32.store (i32.add (global.get $start) (i32.shl (local.get $i) (i32.const 2))) (i32.const -1))
            (i32.store (i32.add (global.get $w) (i32.shl (local.get $i) (i32.const 2))) (i32.const 0)))
          (else
            (if
              (i32.gt_s (local.get $d) (local.get $dense))
              (then
                (i32.store (i32.add (global.get $nv) (i32.shl (local.get $i) (i32.const 2))) (i32.const 0))
                (i32.store (i32.add (global.get $elen) (i32.shl (local.get $i) (i32.const 2))) (i32.const -1))
                (local.set $eliminated (i32.add (local.get $eliminated) (i32.const 1)))
                (i32.store
                  (i32.add (global.get $start) (i32.shl (local.get $i) (i32.const 2)))
                  (i32.sub (i32.const -2) (local.get $n)))
                (i32.store
                  (i32.add (global.get $nv) (i32.shl (local.get $n) (i32.const 2)))
                  (i32.add
                    (i32.load (i32.add (global.get $nv) (i32.shl (local.get $n) (i32.const 2))))
                    (i32.const 1))))
              (else
                (if
                  (i32.ne
                    (i32.load (i32.add (global.get $head) (i32.shl (local.get $d) (i32.const 2))))
                    (i32.const -1))
                  (then
                    (i32.store
                      (i32.add
                        (global.get $last)
                        (i32.shl
                          (i32.load (i32.add (global.get $head) (i32.shl (local.get $d) (i32.const 2))))
                          (i32.const 2)))
                      (local.get $i))))
                (i32.store
                  (i32.add (global.get $next) (i32.shl (local.get $i) (i32.const 2)))
                  (i32.load (i32.add (global.get $head) (i32.shl (local.get $d) (i32.const 2)))))
                (i32.store (i32.add (global.get $head) (i32.shl (local.get $d) (i32.const 2))) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $vertices)))
    (global.set $eliminated (local.get $eliminated))
    (global.set $free (local.get $nnz))
    (global.set $minDegree (i32.const 0))
    (global.set $k (i32.const -1))
    (global.set $pk1 (i32.const 0))
    (global.set $pk2 (i32.const 0))
    (global.set $dk (i32.const 0))
    (global.set $nvk (i32.const 0)))
  ;; compact: moves every live list to the front of the store, in order.
  (func $compact
    (local $j i32)
    (local $p i32)
    (local $q i32)
    (local $t i32)
    (local $end i32)
    (local.set $j (i32.const 0))
    (block $done
      (loop $lists
        (br_if $done (i32.ge_s (local.get $j) (global.get $n)))
        (local.set $p (i32.load (i32.add (global.get $start) (i32.shl (local.get $j) (i32.const 2)))))
        (if
          (i32.ge_s (local.get $p) (i32.const 0))
          (then
            (i32.store
              (i32.add (global.get $start) (i32.shl (local.get $j) (i32.const 2)))
              (i32.load (i32.add (global.get $store) (i32.shl (local.get $p) (i32.const 2)))))
            (i32.store
              (i32.add (global.get $store) (i32.shl (local.get $p) (i32.const 2)))
              (i32.sub (i32.const -2) (local.get $j)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $lists)))
    (local.set $q (i32.const 0))
    (local.set $p (i32.const 0))
    (block $done
      (loop $entries
        (br_if $done (i32.ge_s (local.get $p) (global.get $free)))
        (local.set $j
          (i32.sub
            (i32.const -2)
            (i32.load (i32.add (global.get $store) (i32.shl (local.get $p) (i32.const 2))))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (if
          (i32.ge_s (local.get $j) (i32.const 0))
          (then
            (i32.store
              (i32.add (global.get $store) (i32.shl (local.get $q) (i32.const 2)))
              (i32.load (i32.add (global.get $start) (i32.shl (local.get $j) (i32.const 2)))))
            (i32.store (i32.add (global.get $start) (i32.shl (local.get $j) (i32.const 2))) (local.get $q))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (local.set $t (i32.const 0))
            (local.set $end
              (i32.sub
                (i32.load (i32.add (global.get $len) (i32.shl (local.get $j) (i32.const 2))))
                (i32.const 1)))
            (block $copied
              (loop $copy
                (br_if $copied (i32.ge_s (local.get $t) (local.get $end)))
                (i32.store
                  (i32.add (global.get $store) (i32.shl (local.get $q) (i32.const 2)))
                  (i32.load (i32.add (global.get $store) (i32.shl (local.get $p) (i32.const 2)))))
                (local.set $q (i32.add (local.get $q) (i32.const 1)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (local.set $t (i32.add (local.get $t) (i32.const 1)))
                (br $copy)))))
        (br $entries)))
    (global.set $free (local.get $q)))
  ;; buildElement: L_k, the variables of k's elements and of k's own list, each once (nv negated marks them).
  (func $buildElement
    (param $k i32)
    (param $elenk i32)
    (local $dk i32)
    (local $p i32)
    (local $pk1 i32)
    (local $pk2 i32)
    (local $k1 i32)
    (local $k2 i32)
    (local $e i32)
    (local $pj i32)
    (local $ln i32)
    (local $i i32)
    (local $nvi i32)
    (local.set $dk (i32.const 0))
    (i32.store
      (i32.add (global.get $nv) (i32.shl (local.get $k) (i32.const 2)))
      (i32.sub (i32.const 0) (i32.load (i32.add (global.get $nv) (i32.shl (local.get $k) (i32.const 2))))))
    (local.set $p (i32.load (i32.add (global.get $start) (i32.shl (local.get $k) (i32.const 2)))))
    ;; In place when k has no elements (L_k is no longer than its list).
    (local.set $pk1 (select (local.get $p) (global.get $free) (i32.eqz (local.get $elenk))))
    (local.set $pk2 (local.get $pk1))
    (local.set $k1 (i32.const 1))
    (block $done
      (loop $objects
        (br_if $done (i32.gt_s (local.get $k1) (i32.add (local.get $elenk) (i32.const 1))))
        (if
          (i32.gt_s (local.get $k1) (local.get $elenk))
          (then
            (local.set $e (local.get $k))
            (local.set $pj (local.get $p))
            (local.set $ln
              (i32.sub
                (i32.load (i32.add (global.get $len) (i32.shl (local.get $k) (i32.const 2))))
                (local.get $elenk))))
          (else
            (local.set $e (i32.load (i32.add (global.get $store) (i32.shl (local.get $p) (i32.const 2)))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (local.set $pj (i32.load (i32.add (global.get $start) (i32.shl (local.get $e) (i32.const 2)))))
            (local.set $ln (i32.load (i32.add (global.get $len) (i32.shl (local.get $e) (i32.const 2)))))))
        (local.set $k2 (i32.const 1))
        (block $listed
          (loop $list
            (br_if $listed (i32.gt_s (local.get $k2) (local.get $ln)))
            (local.set $i (i32.load (i32.add (global.get $store) (i32.shl (local.get $pj) (i32.const 2)))))
            (local.set $pj (i32.add (local.get $pj) (i32.const 1)))
            (local.set $k2 (i32.add (local.get $k2) (i32.const 1)))
            (local.set $nvi (i32.load (i32.add (global.get $nv) (i32.shl (local.get $i) (i32.const 2)))))
            ;; Dead, or already in L_k.
            (br_if $list (i32.le_s (local.get $nvi) (i32.const 0)))
            (local.set $dk (i32.add (local.get $dk) (local.get $nvi)))
            (i32.store
              (i32.add (global.get $nv) (i32.shl (local.get $i) (i32.const 2)))
              (i32.sub (i32.const 0) (local.get $nvi)))
            (i32.store (i32.add (global.get $store) (i32.shl (local.get $pk2) (i32.const 2))) (local.get $i))
            (local.set $pk2 (i32.add (local.get $pk2) (i32.const 1)))
            ;; Out of its degree list.
            (if
              (i32.ne
                (i32.load (i32.add (global.get $next) (i32.shl (local.get $i) (i32.const 2))))
                (i32.const -1))
              (then
                (i32.store
                  (i32.add
                    (global.get $last)
                    (i32.shl
                      (i32.load (i32.add (global.get $next) (i32.shl (local.get $i) (i32.const 2))))
                      (i32.const 2)))
                  (i32.load (i32.add (global.get $last) (i32.shl (local.get $i) (i32.const 2)))))))
            (if
              (i32.ne
                (i32.load (i32.add (global.get $last) (i32.shl (local.get $i) (i32.const 2))))
                (i32.const -1))
              (then
                (i32.store
                  (i32.add
                    (global.get $next)
                    (i32.shl
                      (i32.load (i32.add (global.get $last) (i32.shl (local.get $i) (i32.const 2))))
                      (i32.const 2)))
                  (i32.load (i32.add (global.get $next) (i32.shl (local.get $i) (i32.const 2))))))
              (else
                (i32.store
                  (i32.add
                    (global.get $head)
                    (i32.shl
                      (i32.load (i32.add (global.get $degree) (i32.shl (local.get $i) (i32.const 2))))
                      (i32.const 2)))
                  (i32.load (i32.add (global.get $next) (i32.shl (local.get $i) (i32.const 2)))))))
            (br $list)))
        (if
          (i32.ne (local.get $e) (local.get $k))
          (then
            ;; e is absorbed into k.
            (i32.store
              (i32.add (global.get $start) (i32.shl (local.get $e) (i32.const 2)))
              (i32.sub (i32.const -2) (local.get $k)))
            (i32.store (i32.add (global.get $w) (i32.shl (local.get $e) (i32.const 2))) (i32.const 0))))
        (local.set $k1 (i32.add (local.get $k1) (i32.const 1)))
        (br $objects)))
    (if (i32.ne (local.get $elenk) (i32.const 0)) (then (global.set $free (local.get $pk2))))
    (i32.store (i32.add (global.get $degree) (i32.shl (local.get $k) (i32.const 2))) (local.get $dk))
    (i32.store (i32.add (global.get $start) (i32.shl (local.get $k) (i32.const 2))) (local.get $pk1))
    (i32.store
      (i32.add (global.get $len) (i32.shl (local.get $k) (i32.const 2)))
      (i32.sub (local.get $pk2) (local.get $pk1)))
    (i32.store (i32.add (global.get $elen) (i32.shl (local.get $k) (i32.const 2))) (i32.const -2))
    (global.set $pk1 (local.get $pk1))
    (global.set $pk2 (local.get $pk2))
    (global.set $dk (local.get $dk)))
  ;; externalDegrees: |L_e \ L_k| for every element e next to L_k, in w[e] − mark.
  (func $externalDegrees
    (local $mark i32)
    (local $pk i32)
    (local $i i32)
    (local $eln i32)
    (local $nvi i32)
    (local $wnvi i32)
    (local $q i32)
    (local $end i32)
    (local $e i32)
    (local $we i32)
    (global.set $mark (call $clearMarks (i64.extend_i32_s (global.get $mark))))
    (local.set $mark (global.get $mark))
    (local.set $pk (global.get $pk1))
    (block $done
      (loop $members
        (br_if $done (i32.ge_s (local.get $pk) (global.get $pk2)))
        (local.set $i (i32.load (i32.add (global.get $store) (i32.shl (local.get $pk) (i32.const 2)))))
        (local.set $pk (i32.add (local.get $pk) (i32.const 1)))
        (local.set $eln (i32.load (i32.add (global.get $elen) (i32.shl (local.get $i) (i32.const 2)))))
        (br_if $members (i32.le_s (local.get $eln) (i32.const 0)))
        (local.set $nvi
          (i32.sub (i32.const 0) (i32.load (i32.add (global.get $nv) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $wnvi (i32.sub (local.get $mark) (local.get $nvi)))
        (local.set $q (i32.load (i32.add (global.get $start) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $end (i32.add (local.get $q) (local.get $eln)))
        (block $scanned
          (loop $elements
            (br_if $scanned (i32.ge_s (local.get $q) (local.get $end)))
            (local.set $e (i32.load (i32.add (global.get $store) (i32.shl (local.get $q) (i32.const 2)))))
            (local.set $we (i32.load (i32.add (global.get $w) (i32.shl (local.get $e) (i32.const 2)))))
            (if
              (i32.ge_s (local.get $we) (local.get $mark))
              (then
                (i32.store
                  (i32.add (global.get $w) (i32.shl (local.get $e) (i32.const 2)))
                  (i32.sub (local.get $we) (local.get $nvi))))
              (else
                (if
                  (i32.ne (local.get $we) (i32.const 0))
                  (then
                    (i32.store
                      (i32.add (global.get $w) (i32.shl (local.get $e) (i32.const 2)))
                      (i32.add
                        (i32.load (i32.add (global.get $degree) (i32.shl (local.get $e) (i32.const 2))))
                        (local.get $wnvi)))))))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $elements)))
        (br $members))))
  ;; updateDegrees: prunes each variable's lists, absorbs elements inside L_k, hashes for merging.
  (func $updateDegrees
    (local $n i32)
    (local $k i32)
    (local $mark i32)
    (local $dk i32)
    (local $pk i32)
    (local $i i32)
    (local $p1 i32)
    (local $p2 i32)
    (local $p3 i32)
    (local $p4 i32)
    (local $pn i32)
    (local $q i32)
    (local $h i64)
    (local $d i32)
    (local $e i32)
    (local $external i32)
    (local $j i32)
    (local $nvj i32)
    (local $nvi i32)
    (local $hash i32)
    (local.set $n (global.get $n))
    (local.set $k (global.get $k))
    (local.set $mark (global.get $mark))
    (local.set $dk (global.get $dk))
    (local.set $pk (global.get $pk1))
    (block $done
      (loop $members
        (br_if $done (i32.ge_s (local.get $pk) (global.get $pk2)))
        (local.set $i (i32.load (i32.add (global.get $store) (i32.shl (local.get $pk) (i32.const 2)))))
        (local.set $p1 (i32.load (i32.add (global.get $start) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $p2
          (i32.sub
            (i32.add
              (local.get $p1)
              (i32.load (i32.add (global.get $elen) (i32.shl (local.get $i) (i32.const 2)))))
            (i32.const 1)))
        (local.set $pn (local.get $p1))
        (local.set $h (i64.const 0))
        (local.set $d (i32.const 0))
        (local.set $q (local.get $p1))
        (block $elementsDone
          (loop $elements
            (br_if $elementsDone (i32.gt_s (local.get $q) (local.get $p2)))
            (local.set $e (i32.load (i32.add (global.get $store) (i32.shl (local.get $q) (i32.const 2)))))
            (if
              (i32.ne
                (i32.load (i32.add (global.get $w) (i32.shl (local.get $e) (i32.const 2))))
                (i32.const 0))
              (then
                (local.set $external
                  (i32.sub
                    (i32.load (i32.add (global.get $w) (i32.shl (local.get $e) (i32.const 2))))
                    (local.get $mark)))
                (if
                  (i32.gt_s (local.get $external) (i32.const 0))
                  (then
                    (local.set $d (i32.add (local.get $d) (local.get $external)))
                    (i32.store
                      (i32.add (global.get $store) (i32.shl (local.get $pn) (i32.const 2)))
                      (local.get $e))
                    (local.set $pn (i32.add (local.get $pn) (i32.const 1)))
                    (local.set $h (i64.add (local.get $h) (i64.extend_i32_s (local.get $e)))))
                  (else
                    ;; Aggressive absorption: L_e ⊆ L_k.
                    (i32.store
                      (i32.add (global.get $start) (i32.shl (local.get $e) (i32.const 2)))
                      (i32.sub (i32.const -2) (local.get $k)))
                    (i32.store (i32.add (global.get $w) (i32.shl (local.get $e) (i32.const 2))) (i32.const 0))))))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $elements)))
        (i32.store
          (i32.add (global.get $elen) (i32.shl (local.get $i) (i32.const 2)))
          (i32.add (i32.sub (local.get $pn) (local.get $p1)) (i32.const 1)))
        (local.set $p3 (local.get $pn))
        (local.set $p4
          (i32.add
            (local.get $p1)
            (i32.load (i32.add (global.get $len) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $q (i32.add (local.get $p2) (i32.const 1)))
        (block $variablesDone
          (loop $variables
            (br_if $variablesDone (i32.ge_s (local.get $q) (local.get $p4)))
            (local.set $j (i32.load (i32.add (global.get $store) (i32.shl (local.get $q) (i32.const 2)))))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (local.set $nvj (i32.load (i32.add (global.get $nv) (i32.shl (local.get $j) (i32.const 2)))))
            ;; Dead, or in L_k (reached through k now).
            (br_if $variables (i32.le_s (local.get $nvj) (i32.const 0)))
            (local.set $d (i32.add (local.get $d) (local.get $nvj)))
            (i32.store (i32.add (global.get $store) (i32.shl (local.get $pn) (i32.const 2))) (local.get $j))
            (local.set $pn (i32.add (local.get $pn) (i32.const 1)))
            (local.set $h (i64.add (local.get $h) (i64.extend_i32_s (local.get $j))))
            (br $variables)))
        (if
          (i32.eqz (local.get $d))
          (then
            ;; Mass elimination: i has nothing outside L_k.
            (i32.store
              (i32.add (global.get $start) (i32.shl (local.get $i) (i32.const 2)))
              (i32.sub (i32.const -2) (local.get $k)))
            (local.set $nvi
              (i32.sub
                (i32.const 0)
                (i32.load (i32.add (global.get $nv) (i32.shl (local.get $i) (i32.const 2))))))
            (local.set $dk (i32.sub (local.get $dk) (local.get $nvi)))
            (global.set $nvk (i32.add (global.get $nvk) (local.get $nvi)))
            (global.set $eliminated (i32.add (global.get $eliminated) (local.get $nvi)))
            (i32.store (i32.add (global.get $nv) (i32.shl (local.get $i) (i32.const 2))) (i32.const 0))
            (i32.store (i32.add (global.get $elen) (i32.shl (local.get $i) (i32.const 2))) (i32.const -1)))
          (else
            (if
              (i32.lt_s
                (local.get $d)
                (i32.load (i32.add (global.get $degree) (i32.shl (local.get $i) (i32.const 2)))))
              (then
                (i32.store
                  (i32.add (global.get $degree) (i32.shl (local.get $i) (i32.const 2)))
                  (local.get $d))))
            ;; k becomes i's first element.
            (i32.store
              (i32.add (global.get $store) (i32.shl (local.get $pn) (i32.const 2)))
              (i32.load (i32.add (global.get $store) (i32.shl (local.get $p3) (i32.const 2)))))
            (i32.store
              (i32.add (global.get $store) (i32.shl (local.get $p3) (i32.const 2)))
              (i32.load (i32.add (global.get $store) (i32.shl (local.get $p1) (i32.const 2)))))
            (i32.store (i32.add (global.get $store) (i32.shl (local.get $p1) (i32.const 2))) (local.get $k))
            (i32.store
              (i32.add (global.get $len) (i32.shl (local.get $i) (i32.const 2)))
              (i32.add (i32.sub (local.get $pn) (local.get $p1)) (i32.const 1)))
            (local.set $hash (i32.wrap_i64 (i64.rem_s (local.get $h) (i64.extend_i32_s (local.get $n)))))
            (i32.store
              (i32.add (global.get $next) (i32.shl (local.get $i) (i32.const 2)))
              (i32.load (i32.add (global.get $hhead) (i32.shl (local.get $hash) (i32.const 2)))))
            (i32.store (i32.add (global.get $hhead) (i32.shl (local.get $hash) (i32.const 2))) (local.get $i))
            (i32.store (i32.add (global.get $last) (i32.shl (local.get $i) (i32.const 2))) (local.get $hash))))
        (local.set $pk (i32.add (local.get $pk) (i32.const 1)))
        (br $members)))
    (i32.store (i32.add (global.get $degree) (i32.shl (local.get $k) (i32.const 2))) (local.get $dk))
    (global.set $dk (local.get $dk)))
  ;; mergeSupervariables: merges variables of L_k with the same hash and identical lists.
  (func $mergeSupervariables
    (local $mark i32)
    (local $pk i32)
    (local $i i32)
    (local $h i32)
    (local $ln i32)
    (local $eln i32)
    (local $q i32)
    (local $end i32)
    (local $jlast i32)
    (local $j i32)
    (local $same i32)
    (local.set $mark (global.get $mark))
    (local.set $pk (global.get $pk1))
    (block $done
      (loop $members
        (br_if $done (i32.ge_s (local.get $pk) (global.get $pk2)))
        (local.set $i (i32.load (i32.add (global.get $store) (i32.shl (local.get $pk) (i32.const 2)))))
        (local.set $pk (i32.add (local.get $pk) (i32.const 1)))
        (br_if $members
          (i32.ge_s
            (i32.load (i32.add (global.get $nv) (i32.shl (local.get $i) (i32.const 2))))
            (i32.const 0)))
        (local.set $h (i32.load (i32.add (global.get $last) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $i (i32.load (i32.add (global.get $hhead) (i32.shl (local.get $h) (i32.const 2)))))
        (i32.store (i32.add (global.get $hhead) (i32.shl (local.get $h) (i32.const 2))) (i32.const -1))
        (block $bucketDone
          (loop $bucket
            (br_if $bucketDone (i32.eq (local.get $i) (i32.const -1)))
            (br_if $bucketDone
              (i32.eq
                (i32.load (i32.add (global.get $next) (i32.shl (local.get $i) (i32.const 2))))
                (i32.const -1)))
            (local.set $ln (i32.load (i32.add (global.get $len) (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $eln (i32.load (i32.add (global.get $elen) (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $q
              (i32.add
                (i32.load (i32.add (global.get $start) (i32.shl (local.get $i) (i32.const 2))))
                (i32.const 1)))
            (local.set $end
              (i32.sub
                (i32.add
                  (i32.load (i32.add (global.get $start) (i32.shl (local.get $i) (i32.const 2))))
                  (local.get $ln))
                (i32.const 1)))
            (block $marked
              (loop $marking
                (br_if $marked (i32.gt_s (local.get $q) (local.get $end)))
                (i32.store
                  (i32.add
                    (global.get $w)
                    (i32.shl
                      (i32.load (i32.add (global.get $store) (i32.shl (local.get $q) (i32.const 2))))
                      (i32.const 2)))
                  (local.get $mark))
                (local.set $q (i32.add (local.get $q) (i32.const 1)))
                (br $marking)))
            (local.set $jlast (local.get $i))
            (local.set $j (i32.load (i32.add (global.get $next) (i32.shl (local.get $i) (i32.const 2)))))
            (block $compared
              (loop $candidates
                (br_if $compared (i32.eq (local.get $j) (i32.const -1)))
                (local.set $same
                  (i32.and
                    (i32.eq
                      (i32.load (i32.add (global.get $len) (i32.shl (local.get $j) (i32.const 2))))
                      (local.get $ln))
                    (i32.eq
                      (i32.load (i32.add (global.get $elen) (i32.shl (local.get $j) (i32.const 2))))
                      (local.get $eln))))
                (local.set $q
                  (i32.add
                    (i32.load (i32.add (global.get $start) (i32.shl (local.get $j) (i32.const 2))))
                    (i32.const 1)))
                (local.set $end
                  (i32.sub
                    (i32.add
                      (i32.load (i32.add (global.get $start) (i32.shl (local.get $j) (i32.const 2))))
                      (local.get $ln))
                    (i32.const 1)))
                (block $checked
                  (loop $checking
                    (br_if $checked (i32.eqz (local.get $same)))
                    (br_if $checked (i32.gt_s (local.get $q) (local.get $end)))
                    (if
                      (i32.ne
                        (i32.load
                          (i32.add
                            (global.get $w)
                            (i32.shl
                              (i32.load (i32.add (global.get $store) (i32.shl (local.get $q) (i32.const 2))))
                              (i32.const 2))))
                        (local.get $mark))
                      (then (local.set $same (i32.const 0))))
                    (local.set $q (i32.add (local.get $q) (i32.const 1)))
                    (br $checking)))
                (if
                  (local.get $same)
                  (then
                    (i32.store
                      (i32.add (global.get $start) (i32.shl (local.get $j) (i32.const 2)))
                      (i32.sub (i32.const -2) (local.get $i)))
                    (i32.store
                      (i32.add (global.get $nv) (i32.shl (local.get $i) (i32.const 2)))
                      (i32.add
                        (i32.load (i32.add (global.get $nv) (i32.shl (local.get $i) (i32.const 2))))
                        (i32.load (i32.add (global.get $nv) (i32.shl (local.get $j) (i32.const 2))))))
                    (i32.store
                      (i32.add (global.get $nv) (i32.shl (local.get $j) (i32.const 2)))
                      (i32.const 0))
                    (i32.store
                      (i32.add (global.get $elen) (i32.shl (local.get $j) (i32.const 2)))
                      (i32.const -1))
                    (local.set $j
                      (i32.load (i32.add (global.get $next) (i32.shl (local.get $j) (i32.const 2)))))
                    (i32.store
                      (i32.add (global.get $next) (i32.shl (local.get $jlast) (i32.const 2)))
                      (local.get $j)))
                  (else
                    (local.set $jlast (local.get $j))
                    (local.set $j
                      (i32.load (i32.add (global.get $next) (i32.shl (local.get $j) (i32.const 2)))))))
                (br $candidates)))
            (local.set $i (i32.load (i32.add (global.get $next) (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $mark (i32.add (local.get $mark) (i32.const 1)))
            (br $bucket)))
        (br $members)))
    (global.set $mark (local.get $mark)))
  ;; finaliseElement: degrees, degree lists, and drops the dead from the element.
  (func $finaliseElement
    (param $elenk i32)
    (local $minDegree i32)
    (local $pOut i32)
    (local $pk i32)
    (local $i i32)
    (local $nvi i32)
    (local $d i32)
    (local $d2 i32)
    (local $k i32)
    (local.set $k (global.get $k))
    (local.set $minDegree (global.get $minDegree))
    (local.set $pOut (global.get $pk1))
    (local.set $pk (global.get $pk1))
    (block $done
      (loop $members
        (br_if $done (i32.ge_s (local.get $pk) (global.get $pk2)))
        (local.set $i (i32.load (i32.add (global.get $store) (i32.shl (local.get $pk) (i32.const 2)))))
        (local.set $pk (i32.add (local.get $pk) (i32.const 1)))
        (local.set $nvi
          (i32.sub (i32.const 0) (i32.load (i32.add (global.get $nv) (i32.shl (local.get $i) (i32.const 2))))))
        (br_if $members (i32.le_s (local.get $nvi) (i32.const 0)))
        (i32.store (i32.add (global.get $nv) (i32.shl (local.get $i) (i32.const 2))) (local.get $nvi))
        (local.set $d
          (i32.sub
            (i32.add
              (i32.load (i32.add (global.get $degree) (i32.shl (local.get $i) (i32.const 2))))
              (global.get $dk))
            (local.get $nvi)))
        (local.set $d2 (i32.sub (i32.sub (global.get $n) (global.get $eliminated)) (local.get $nvi)))
        (if (i32.lt_s (local.get $d2) (local.get $d)) (then (local.set $d (local.get $d2))))
        (if
          (i32.ne
            (i32.load (i32.add (global.get $head) (i32.shl (local.get $d) (i32.const 2))))
            (i32.const -1))
          (then
            (i32.store
              (i32.add
                (global.get $last)
                (i32.shl
                  (i32.load (i32.add (global.get $head) (i32.shl (local.get $d) (i32.const 2))))
                  (i32.const 2)))
              (local.get $i))))
        (i32.store
          (i32.add (global.get $next) (i32.shl (local.get $i) (i32.const 2)))
          (i32.load (i32.add (global.get $head) (i32.shl (local.get $d) (i32.const 2)))))
        (i32.store (i32.add (global.get $last) (i32.shl (local.get $i) (i32.const 2))) (i32.const -1))
        (i32.store (i32.add (global.get $head) (i32.shl (local.get $d) (i32.const 2))) (local.get $i))
        (if (i32.lt_s (local.get $d) (local.get $minDegree)) (then (local.set $minDegree (local.get $d))))
        (i32.store (i32.add (global.get $degree) (i32.shl (local.get $i) (i32.const 2))) (local.get $d))
        (i32.store (i32.add (global.get $store) (i32.shl (local.get $pOut) (i32.const 2))) (local.get $i))
        (local.set $pOut (i32.add (local.get $pOut) (i32.const 1)))
        (br $members)))
    (global.set $minDegree (local.get $minDegree))
    (i32.store (i32.add (global.get $nv) (i32.shl (local.get $k) (i32.const 2))) (global.get $nvk))
    (i32.store
      (i32.add (global.get $len) (i32.shl (local.get $k) (i32.const 2)))
      (i32.sub (local.get $pOut) (global.get $pk1)))
    (if
      (i32.eqz (i32.load (i32.add (global.get $len) (i32.shl (local.get $k) (i32.const 2)))))
      (then
        ;; A root of the assembly tree.
        (i32.store (i32.add (global.get $start) (i32.shl (local.get $k) (i32.const 2))) (i32.const -1))
        (i32.store (i32.add (global.get $w) (i32.shl (local.get $k) (i32.const 2))) (i32.const 0))))
    (if (i32.ne (local.get $elenk) (i32.const 0)) (then (global.set $free (local.get $pOut)))))
  ;; eliminateNext: one pivot step: picks a variable of least approximate degree and eliminates it.
  (func $eliminateNext
    (local $k i32)
    (local $minDegree i32)
    (local $elenk i32)
    (local.set $k (i32.const -1))
    (local.set $minDegree (global.get $minDegree))
    (block $found
      (loop $scan
        (br_if $found (i32.ge_s (local.get $minDegree) (global.get $n)))
        (local.set $k (i32.load (i32.add (global.get $head) (i32.shl (local.get $minDegree) (i32.const 2)))))
        (br_if $found (i32.ne (local.get $k) (i32.const -1)))
        (local.set $minDegree (i32.add (local.get $minDegree) (i32.const 1)))
        (br $scan)))
    (global.set $minDegree (local.get $minDegree))
    (if
      (i32.ne (i32.load (i32.add (global.get $next) (i32.shl (local.get $k) (i32.const 2)))) (i32.const -1))
      (then
        (i32.store
          (i32.add
            (global.get $last)
            (i32.shl
              (i32.load (i32.add (global.get $next) (i32.shl (local.get $k) (i32.const 2))))
              (i32.const 2)))
          (i32.const -1))))
    (i32.store
      (i32.add (global.get $head) (i32.shl (local.get $minDegree) (i32.const 2)))
      (i32.load (i32.add (global.get $next) (i32.shl (local.get $k) (i32.const 2)))))
    (local.set $elenk (i32.load (i32.add (global.get $elen) (i32.shl (local.get $k) (i32.const 2)))))
    (global.set $k (local.get $k))
    (global.set $nvk (i32.load (i32.add (global.get $nv) (i32.shl (local.get $k) (i32.const 2)))))
    (global.set $eliminated
      (i32.add
        (global.get $eliminated)
        (i32.load (i32.add (global.get $nv) (i32.shl (local.get $k) (i32.const 2))))))
    ;; Compact the store when the new element might not fit at its end.
    (if
      (i32.and
        (i32.gt_s (local.get $elenk) (i32.const 0))
        (i32.ge_s (i32.add (global.get $free) (local.get $minDegree)) (global.get $capacity)))
      (then (call $compact)))
    (call $buildElement (local.get $k) (local.get $elenk))
    (call $externalDegrees)
    (call $updateDegrees)
    (if (i32.gt_s (global.get $dk) (global.get $maxElement)) (then (global.set $maxElement (global.get $dk))))
    (global.set $mark
      (call $clearMarks
        (i64.add (i64.extend_i32_s (global.get $mark)) (i64.extend_i32_s (global.get $maxElement)))))
    (call $mergeSupervariables)
    (call $finaliseElement (local.get $elenk)))
  ;; postorder: the order, a postorder of the assembly tree (absorbed variables right before their
  ;; element), into order[0..n] (n+1 entries; the sentinel node n, which absorbs dense rows, comes last).
  (func $postorder
    (param $order i32)
    (local $n i32)
    (local $i i32)
    (local $j i32)
    (local $s i32)
    (local $k i32)
    (local $top i32)
    (local $v i32)
    (local $child i32)
    (local.set $n (global.get $n))
    ;; Assembly tree: start[j] = flip(parent) for absorbed elements and variables, −1 for roots.
    (local.set $i (i32.const 0))
    (block $done
      (loop $flips
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (i32.store
          (i32.add (global.get $start) (i32.shl (local.get $i) (i32.const 2)))
          (i32.sub
            (i32.const -2)
            (i32.load (i32.add (global.get $start) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $flips)))
    (local.set $i (i32.const 0))
    (block $done
      (loop $heads
        (br_if $done (i32.gt_s (local.get $i) (local.get $n)))
        (i32.store (i32.add (global.get $head) (i32.shl (local.get $i) (i32.const 2))) (i32.const -1))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $heads)))
    ;; Children lists: absorbed variables first, then elements prepended (both in increasing order).
    (local.set $j (local.get $n))
    (block $done
      (loop $variables
        (br_if $done (i32.lt_s (local.get $j) (i32.const 0)))
        (if
          (i32.le_s
            (i32.load (i32.add (global.get $nv) (i32.shl (local.get $j) (i32.const 2))))
            (i32.const 0))
          (then
            (local.set $s (i32.load (i32.add (global.get $start) (i32.shl (local.get $j) (i32.const 2)))))
            (if
              (i32.ge_s (local.get $s) (i32.const 0))
              (then
                (i32.store
                  (i32.add (global.get $next) (i32.shl (local.get $j) (i32.const 2)))
                  (i32.load (i32.add (global.get $head) (i32.shl (local.get $s) (i32.const 2)))))
                (i32.store (i32.add (global.get $head) (i32.shl (local.get $s) (i32.const 2))) (local.get $j))))))
        (local.set $j (i32.sub (local.get $j) (i32.const 1)))
        (br $variables)))
    (local.set $j (local.get $n))
    (block $done
      (loop $elements
        (br_if $done (i32.lt_s (local.get $j) (i32.const 0)))
        (if
          (i32.gt_s
            (i32.load (i32.add (global.get $nv) (i32.shl (local.get $j) (i32.const 2))))
            (i32.const 0))
          (then
            (local.set $s (i32.load (i32.add (global.get $start) (i32.shl (local.get $j) (i32.const 2)))))
            (if
              (i32.ge_s (local.get $s) (i32.const 0))
              (then
                (i32.store
                  (i32.add (global.get $next) (i32.shl (local.get $j) (i32.const 2)))
                  (i32.load (i32.add (global.get $head) (i32.shl (local.get $s) (i32.const 2)))))
                (i32.store (i32.add (global.get $head) (i32.shl (local.get $s) (i32.const 2))) (local.get $j))))))
        (local.set $j (i32.sub (local.get $j) (i32.const 1)))
        (br $elements)))
    (local.set $k (i32.const 0))
    (local.set $i (i32.const 0))
    (block $done
      (loop $roots
        (br_if $done (i32.gt_s (local.get $i) (local.get $n)))
        (if
          (i32.eq
            (i32.load (i32.add (global.get $start) (i32.shl (local.get $i) (i32.const 2))))
            (i32.const -1))
          (then
            ;; Depth-first postorder from root i (w as the stack).
            (local.set $top (i32.const 0))
            (i32.store (i32.add (global.get $w) (i32.shl (i32.const 0) (i32.const 2))) (local.get $i))
            (block $walked
              (loop $walk
                (br_if $walked (i32.lt_s (local.get $top) (i32.const 0)))
                (local.set $v (i32.load (i32.add (global.get $w) (i32.shl (local.get $top) (i32.const 2)))))
                (local.set $child
                  (i32.load (i32.add (global.get $head) (i32.shl (local.get $v) (i32.const 2)))))
                (if
                  (i32.eq (local.get $child) (i32.const -1))
                  (then
                    (local.set $top (i32.sub (local.get $top) (i32.const 1)))
                    (i32.store
                      (i32.add (local.get $order) (i32.shl (local.get $k) (i32.const 2)))
                      (local.get $v))
                    (local.set $k (i32.add (local.get $k) (i32.const 1))))
                  (else
                    (i32.store
                      (i32.add (global.get $head) (i32.shl (local.get $v) (i32.const 2)))
                      (i32.load (i32.add (global.get $next) (i32.shl (local.get $child) (i32.const 2)))))
                    (local.set $top (i32.add (local.get $top) (i32.const 1)))
                    (i32.store
                      (i32.add (global.get $w) (i32.shl (local.get $top) (i32.const 2)))
                      (local.get $child))))
                (br $walk)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $roots))))
  ;; The ordering of the graph xadj (n+1) / adj (xadj[n]) at byte offsets, with `work` bytes free for
  ;; (2·nnz + 2n + 1) + 10·(n+1) int32s; order[0..n] receives the permutation (perm[new] = old) and,
  ;; last, the sentinel node n. n ≥ 1.
  (func
    (export "minimumDegree")
    (param $n i32)
    (param $xadj i32)
    (param $adj i32)
    (param $work i32)
    (param $order i32)
    (call $init (local.get $n) (local.get $xadj) (local.get $adj) (local.get $work))
    (block $done
      (loop $pivots
        (br_if $done (i32.ge_s (global.get $eliminated) (local.get $n)))
        (call $eliminateNext)
        (br $pivots)))
    (call $postorder (local.get $order)))
  ;; SymmetricPattern.adjacency: the graph of the pattern colPtr (n+1) / rowIdx without the diagonal, in
  ;; compressed rows xadj (n+1) / adj; degree: n int32s of scratch.
  (func
    (export "adjacency")
    (param $n i32)
    (param $colPtr i32)
    (param $rowIdx i32)
    (param $degree i32)
    (param $xadj i32)
    (param $adj i32)
    (local $j i32)
    (local $p i32)
    (local $end i32)
    (local $i i32)
    (local $v i32)
    (local $q i32)
    (memory.fill (local.get $degree) (i32.const 0) (i32.shl (local.get $n) (i32.const 2)))
    (local.set $j (i32.const 0))
    (block $done
      (loop $columns
        (br_if $done (i32.ge_s (local.get $j) (local.get $n)))
        (local.set $p (i32.load (i32.add (local.get $colPtr) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $end
          (i32.load
            (i32.add (local.get $colPtr) (i32.shl (i32.add (local.get $j) (i32.const 1)) (i32.const 2)))))
        (block $counted
          (loop $entries
            (br_if $counted (i32.ge_s (local.get $p) (local.get $end)))
            (local.set $i (i32.load (i32.add (local.get $rowIdx) (i32.shl (local.get $p) (i32.const 2)))))
            (if
              (i32.ne (local.get $i) (local.get $j))
              (then
                (i32.store
                  (i32.add (local.get $degree) (i32.shl (local.get $i) (i32.const 2)))
                  (i32.add
                    (i32.load (i32.add (local.get $degree) (i32.shl (local.get $i) (i32.const 2))))
                    (i32.const 1)))
                (i32.store
                  (i32.add (local.get $degree) (i32.shl (local.get $j) (i32.const 2)))
                  (i32.add
                    (i32.load (i32.add (local.get $degree) (i32.shl (local.get $j) (i32.const 2))))
                    (i32.const 1)))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $entries)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $columns)))
    (i32.store (i32.add (local.get $xadj) (i32.shl (i32.const 0) (i32.const 2))) (i32.const 0))
    (local.set $v (i32.const 0))
    (block $done
      (loop $vertices
        (br_if $done (i32.ge_s (local.get $v) (local.get $n)))
        (i32.store
          (i32.add (local.get $xadj) (i32.shl (i32.add (local.get $v) (i32.const 1)) (i32.const 2)))
          (i32.add
            (i32.load (i32.add (local.get $xadj) (i32.shl (local.get $v) (i32.const 2))))
            (i32.load (i32.add (local.get $degree) (i32.shl (local.get $v) (i32.const 2))))))
        ;; degree becomes the fill pointer.
        (i32.store
          (i32.add (local.get $degree) (i32.shl (local.get $v) (i32.const 2)))
          (i32.load (i32.add (local.get $xadj) (i32.shl (local.get $v) (i32.const 2)))))
        (local.set $v (i32.add (local.get $v) (i32.const 1)))
        (br $vertices)))
    (local.set $j (i32.const 0))
    (block $done
      (loop $columns
        (br_if $done (i32.ge_s (local.get $j) (local.get $n)))
        (local.set $p (i32.load (i32.add (local.get $colPtr) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $end
          (i32.load
            (i32.add (local.get $colPtr) (i32.shl (i32.add (local.get $j) (i32.const 1)) (i32.const 2)))))
        (block $placed
          (loop $entries
            (br_if $placed (i32.ge_s (local.get $p) (local.get $end)))
            (local.set $i (i32.load (i32.add (local.get $rowIdx) (i32.shl (local.get $p) (i32.const 2)))))
            (if
              (i32.ne (local.get $i) (local.get $j))
              (then
                (local.set $q (i32.load (i32.add (local.get $degree) (i32.shl (local.get $i) (i32.const 2)))))
                (i32.store (i32.add (local.get $adj) (i32.shl (local.get $q) (i32.const 2))) (local.get $j))
                (i32.store
                  (i32.add (local.get $degree) (i32.shl (local.get $i) (i32.const 2)))
                  (i32.add (local.get $q) (i32.const 1)))
                (local.set $q (i32.load (i32.add (local.get $degree) (i32.shl (local.get $j) (i32.const 2)))))
                (i32.store (i32.add (local.get $adj) (i32.shl (local.get $q) (i32.const 2))) (local.get $i))
                (i32.store
                  (i32.add (local.get $degree) (i32.shl (local.get $j) (i32.const 2)))
                  (i32.add (local.get $q) (i32.const 1)))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $entries)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $columns))))
  ;; permutedEliminationTree: the elimination tree (parent) and column counts (counts) of P·A·Pᵀ from A's
  ;; graph xadj/adj, perm[new] = old; inv and flag: n int32s of scratch.
  (func
    (export "eliminationTree")
    (param $n i32)
    (param $xadj i32)
    (param $adj i32)
    (param $perm i32)
    (param $inv i32)
    (param $parent i32)
    (param $counts i32)
    (param $flag i32)
    (local $k i32)
    (local $v i32)
    (local $p i32)
    (local $end i32)
    (local $i i32)
    (local.set $k (i32.const 0))
    (block $done
      (loop $inverse
        (br_if $done (i32.ge_s (local.get $k) (local.get $n)))
        (i32.store
          (i32.add
            (local.get $inv)
            (i32.shl
              (i32.load (i32.add (local.get $perm) (i32.shl (local.get $k) (i32.const 2))))
              (i32.const 2)))
          (local.get $k))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $inverse)))
    (memory.fill (local.get $counts) (i32.const 0) (i32.shl (local.get $n) (i32.const 2)))
    (local.set $k (i32.const 0))
    (block $done
      (loop $columns
        (br_if $done (i32.ge_s (local.get $k) (local.get $n)))
        (i32.store (i32.add (local.get $parent) (i32.shl (local.get $k) (i32.const 2))) (i32.const -1))
        (i32.store (i32.add (local.get $flag) (i32.shl (local.get $k) (i32.const 2))) (local.get $k))
        (local.set $v (i32.load (i32.add (local.get $perm) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $p (i32.load (i32.add (local.get $xadj) (i32.shl (local.get $v) (i32.const 2)))))
        (local.set $end
          (i32.load
            (i32.add (local.get $xadj) (i32.shl (i32.add (local.get $v) (i32.const 1)) (i32.const 2)))))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_s (local.get $p) (local.get $end)))
            (local.set $i
              (i32.load
                (i32.add
                  (local.get $inv)
                  (i32.shl
                    (i32.load (i32.add (local.get $adj) (i32.shl (local.get $p) (i32.const 2))))
                    (i32.const 2)))))
            (block $reached
              (loop $walk
                (br_if $reached (i32.ge_s (local.get $i) (local.get $k)))
                (br_if $reached
                  (i32.eq
                    (i32.load (i32.add (local.get $flag) (i32.shl (local.get $i) (i32.const 2))))
                    (local.get $k)))
                (if
                  (i32.eq
                    (i32.load (i32.add (local.get $parent) (i32.shl (local.get $i) (i32.const 2))))
                    (i32.const -1))
                  (then
                    (i32.store
                      (i32.add (local.get $parent) (i32.shl (local.get $i) (i32.const 2)))
                      (local.get $k))))
                (i32.store
                  (i32.add (local.get $counts) (i32.shl (local.get $i) (i32.const 2)))
                  (i32.add
                    (i32.load (i32.add (local.get $counts) (i32.shl (local.get $i) (i32.const 2))))
                    (i32.const 1)))
                (i32.store (i32.add (local.get $flag) (i32.shl (local.get $i) (i32.const 2))) (local.get $k))
                (local.set $i (i32.load (i32.add (local.get $parent) (i32.shl (local.get $i) (i32.const 2)))))
                (br $walk)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $rows)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $columns))))
  ;; SparseSolver's postordering of the tree (eliminationTree.ts postorder, then the renumbering): post is
  ;; a postorder of the forest parent (children in increasing order); outPerm[k] = perm[post[k]], and
  ;; outParent/outCounts are the tree in the new numbering. head, next, stack, post: n int32s of scratch.
  (func
    (export "postorderTree")
    (param $n i32)
    (param $perm i32)
    (param $parent i32)
    (param $counts i32)
    (param $head i32)
    (param $next i32)
    (param $stack i32)
    (param $post i32)
    (param $outPerm i32)
    (param $outParent i32)
    (param $outCounts i32)
    (local $j i32)
    (local $pj i32)
    (local $k i32)
    (local $root i32)
    (local $top i32)
    (local $v i32)
    (local $child i32)
    (local $old i32)
    (memory.fill (local.get $head) (i32.const 255) (i32.shl (local.get $n) (i32.const 2)))
    (memory.fill (local.get $next) (i32.const 255) (i32.shl (local.get $n) (i32.const 2)))
    ;; Children lists in increasing order (inserted in decreasing order).
    (local.set $j (i32.sub (local.get $n) (i32.const 1)))
    (block $done
      (loop $children
        (br_if $done (i32.lt_s (local.get $j) (i32.const 0)))
        (local.set $pj (i32.load (i32.add (local.get $parent) (i32.shl (local.get $j) (i32.const 2)))))
        (if
          (i32.ne (local.get $pj) (i32.const -1))
          (then
            (i32.store
              (i32.add (local.get $next) (i32.shl (local.get $j) (i32.const 2)))
              (i32.load (i32.add (local.get $head) (i32.shl (local.get $pj) (i32.const 2)))))
            (i32.store (i32.add (local.get $head) (i32.shl (local.get $pj) (i32.const 2))) (local.get $j))))
        (local.set $j (i32.sub (local.get $j) (i32.const 1)))
        (br $children)))
    (local.set $k (i32.const 0))
    (local.set $root (i32.const 0))
    (block $done
      (loop $roots
        (br_if $done (i32.ge_s (local.get $root) (local.get $n)))
        (if
          (i32.eq
            (i32.load (i32.add (local.get $parent) (i32.shl (local.get $root) (i32.const 2))))
            (i32.const -1))
          (then
            (local.set $top (i32.const 0))
            (i32.store (i32.add (local.get $stack) (i32.shl (i32.const 0) (i32.const 2))) (local.get $root))
            (block $walked
              (loop $walk
                (br_if $walked (i32.lt_s (local.get $top) (i32.const 0)))
                (local.set $v
                  (i32.load (i32.add (local.get $stack) (i32.shl (local.get $top) (i32.const 2)))))
                (local.set $child
                  (i32.load (i32.add (local.get $head) (i32.shl (local.get $v) (i32.const 2)))))
                (if
                  (i32.eq (local.get $child) (i32.const -1))
                  (then
                    (i32.store
                      (i32.add (local.get $post) (i32.shl (local.get $k) (i32.const 2)))
                      (local.get $v))
                    (local.set $k (i32.add (local.get $k) (i32.const 1)))
                    (local.set $top (i32.sub (local.get $top) (i32.const 1))))
                  (else
                    (i32.store
                      (i32.add (local.get $head) (i32.shl (local.get $v) (i32.const 2)))
                      (i32.load (i32.add (local.get $next) (i32.shl (local.get $child) (i32.const 2)))))
                    (local.set $top (i32.add (local.get $top) (i32.const 1)))
                    (i32.store
                      (i32.add (local.get $stack) (i32.shl (local.get $top) (i32.const 2)))
                      (local.get $child))))
                (br $walk)))))
        (local.set $root (i32.add (local.get $root) (i32.const 1)))
        (br $roots)))
    ;; rank (in head): the inverse of post.
    (local.set $k (i32.const 0))
    (block $done
      (loop $ranks
        (br_if $done (i32.ge_s (local.get $k) (local.get $n)))
        (i32.store
          (i32.add
            (local.get $head)
            (i32.shl
              (i32.load (i32.add (local.get $post) (i32.shl (local.get $k) (i32.const 2))))
              (i32.const 2)))
          (local.get $k))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $ranks)))
    (local.set $k (i32.const 0))
    (block $done
      (loop $renumber
        (br_if $done (i32.ge_s (local.get $k) (local.get $n)))
        (local.set $old (i32.load (i32.add (local.get $post) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $pj (i32.load (i32.add (local.get $parent) (i32.shl (local.get $old) (i32.const 2)))))
        (if
          (i32.eq (local.get $pj) (i32.const -1))
          (then
            (i32.store (i32.add (local.get $outParent) (i32.shl (local.get $k) (i32.const 2))) (i32.const -1)))
          (else
            (i32.store
              (i32.add (local.get $outParent) (i32.shl (local.get $k) (i32.const 2)))
              (i32.load (i32.add (local.get $head) (i32.shl (local.get $pj) (i32.const 2)))))))
        (i32.store
          (i32.add (local.get $outCounts) (i32.shl (local.get $k) (i32.const 2)))
          (i32.load (i32.add (local.get $counts) (i32.shl (local.get $old) (i32.const 2)))))
        (i32.store
          (i32.add (local.get $outPerm) (i32.shl (local.get $k) (i32.const 2)))
          (i32.load (i32.add (local.get $perm) (i32.shl (local.get $old) (i32.const 2)))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $renumber))))
  ;; SymmetricPattern.permute: the pattern of P·A·Pᵀ (newColPtr: n+1, newRowIdx: nnz) and slotMap (old slot →
  ;; new slot) from colPtr/rowIdx and perm[new] = old; inv, fill: n int32s, oldSlot: nnz int32s of scratch.
  (func
    (export "permute")
    (param $n i32)
    (param $colPtr i32)
    (param $rowIdx i32)
    (param $perm i32)
    (param $inv i32)
    (param $fill i32)
    (param $newColPtr i32)
    (param $newRowIdx i32)
    (param $oldSlot i32)
    (param $slotMap i32)
    (local $k i32)
    (local $j i32)
    (local $b i32)
    (local $a i32)
    (local $c i32)
    (local $p i32)
    (local $end i32)
    (local $q i32)
    (local $lo i32)
    (local $hi i32)
    (local $r i32)
    (local $s i32)
    (local $t i32)
    (local $nnz i32)
    (local.set $k (i32.const 0))
    (block $done
      (loop $inverse
        (br_if $done (i32.ge_s (local.get $k) (local.get $n)))
        (i32.store
          (i32.add
            (local.get $inv)
            (i32.shl
              (i32.load (i32.add (local.get $perm) (i32.shl (local.get $k) (i32.const 2))))
              (i32.const 2)))
          (local.get $k))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $inverse)))
    (memory.fill
      (local.get $newColPtr)
      (i32.const 0)
      (i32.shl (i32.add (local.get $n) (i32.const 1)) (i32.const 2)))
    (local.set $j (i32.const 0))
    (block $done
      (loop $columns
        (br_if $done (i32.ge_s (local.get $j) (local.get $n)))
        (local.set $b (i32.load (i32.add (local.get $inv) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $p (i32.load (i32.add (local.get $colPtr) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $end
          (i32.load
            (i32.add (local.get $colPtr) (i32.shl (i32.add (local.get $j) (i32.const 1)) (i32.const 2)))))
        (block $counted
          (loop $entries
            (br_if $counted (i32.ge_s (local.get $p) (local.get $end)))
            (local.set $a
              (i32.load
                (i32.add
                  (local.get $inv)
                  (i32.shl
                    (i32.load (i32.add (local.get $rowIdx) (i32.shl (local.get $p) (i32.const 2))))
                    (i32.const 2)))))
            (local.set $c
              (i32.add
                (select (local.get $a) (local.get $b) (i32.gt_s (local.get $a) (local.get $b)))
                (i32.const 1)))
            (i32.store
              (i32.add (local.get $newColPtr) (i32.shl (local.get $c) (i32.const 2)))
              (i32.add
                (i32.load (i32.add (local.get $newColPtr) (i32.shl (local.get $c) (i32.const 2))))
                (i32.const 1)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $entries)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $columns)))
    (local.set $j (i32.const 0))
    (block $done
      (loop $prefix
        (br_if $done (i32.ge_s (local.get $j) (local.get $n)))
        (i32.store
          (i32.add (local.get $newColPtr) (i32.shl (i32.add (local.get $j) (i32.const 1)) (i32.const 2)))
          (i32.add
            (i32.load
              (i32.add (local.get $newColPtr) (i32.shl (i32.add (local.get $j) (i32.const 1)) (i32.const 2))))
            (i32.load (i32.add (local.get $newColPtr) (i32.shl (local.get $j) (i32.const 2))))))
        (i32.store
          (i32.add (local.get $fill) (i32.shl (local.get $j) (i32.const 2)))
          (i32.load (i32.add (local.get $newColPtr) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $prefix)))
    (local.set $j (i32.const 0))
    (block $done
      (loop $columns
        (br_if $done (i32.ge_s (local.get $j) (local.get $n)))
        (local.set $b (i32.load (i32.add (local.get $inv) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $p (i32.load (i32.add (local.get $colPtr) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $end
          (i32.load
            (i32.add (local.get $colPtr) (i32.shl (i32.add (local.get $j) (i32.const 1)) (i32.const 2)))))
        (block $placed
          (loop $entries
            (br_if $placed (i32.ge_s (local.get $p) (local.get $end)))
            (local.set $a
              (i32.load
                (i32.add
                  (local.get $inv)
                  (i32.shl
                    (i32.load (i32.add (local.get $rowIdx) (i32.shl (local.get $p) (i32.const 2))))
                    (i32.const 2)))))
            (local.set $c (select (local.get $a) (local.get $b) (i32.gt_s (local.get $a) (local.get $b))))
            (local.set $q (i32.load (i32.add (local.get $fill) (i32.shl (local.get $c) (i32.const 2)))))
            (i32.store
              (i32.add (local.get $fill) (i32.shl (local.get $c) (i32.const 2)))
              (i32.add (local.get $q) (i32.const 1)))
            (i32.store
              (i32.add (local.get $newRowIdx) (i32.shl (local.get $q) (i32.const 2)))
              (select (local.get $a) (local.get $b) (i32.lt_s (local.get $a) (local.get $b))))
            (i32.store (i32.add (local.get $oldSlot) (i32.shl (local.get $q) (i32.const 2))) (local.get $p))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $entries)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $columns)))
    ;; Each column sorted by row (insertion; the slots move along).
    (local.set $j (i32.const 0))
    (block $done
      (loop $columns
        (br_if $done (i32.ge_s (local.get $j) (local.get $n)))
        (local.set $lo (i32.load (i32.add (local.get $newColPtr) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $hi
          (i32.load
            (i32.add (local.get $newColPtr) (i32.shl (i32.add (local.get $j) (i32.const 1)) (i32.const 2)))))
        (local.set $q (i32.add (local.get $lo) (i32.const 1)))
        (block $sorted
          (loop $insert
            (br_if $sorted (i32.ge_s (local.get $q) (local.get $hi)))
            (local.set $r (i32.load (i32.add (local.get $newRowIdx) (i32.shl (local.get $q) (i32.const 2)))))
            (local.set $s (i32.load (i32.add (local.get $oldSlot) (i32.shl (local.get $q) (i32.const 2)))))
            (local.set $t (i32.sub (local.get $q) (i32.const 1)))
            (block $shifted
              (loop $shift
                (br_if $shifted (i32.lt_s (local.get $t) (local.get $lo)))
                (br_if $shifted
                  (i32.le_s
                    (i32.load (i32.add (local.get $newRowIdx) (i32.shl (local.get $t) (i32.const 2))))
                    (local.get $r)))
                (i32.store
                  (i32.add
                    (local.get $newRowIdx)
                    (i32.shl (i32.add (local.get $t) (i32.const 1)) (i32.const 2)))
                  (i32.load (i32.add (local.get $newRowIdx) (i32.shl (local.get $t) (i32.const 2)))))
                (i32.store
                  (i32.add
                    (local.get $oldSlot)
                    (i32.shl (i32.add (local.get $t) (i32.const 1)) (i32.const 2)))
                  (i32.load (i32.add (local.get $oldSlot) (i32.shl (local.get $t) (i32.const 2)))))
                (local.set $t (i32.sub (local.get $t) (i32.const 1)))
                (br $shift)))
            (i32.store
              (i32.add (local.get $newRowIdx) (i32.shl (i32.add (local.get $t) (i32.const 1)) (i32.const 2)))
              (local.get $r))
            (i32.store
              (i32.add (local.get $oldSlot) (i32.shl (i32.add (local.get $t) (i32.const 1)) (i32.const 2)))
              (local.get $s))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $insert)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $columns)))
    (local.set $nnz (i32.load (i32.add (local.get $newColPtr) (i32.shl (local.get $n) (i32.const 2)))))
    (local.set $q (i32.const 0))
    (block $done
      (loop $slots
        (br_if $done (i32.ge_s (local.get $q) (local.get $nnz)))
        (i32.store
          (i32.add
            (local.get $slotMap)
            (i32.shl
              (i32.load (i32.add (local.get $oldSlot) (i32.shl (local.get $q) (i32.const 2))))
              (i32.const 2)))
          (local.get $q))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $slots))))
  ;; SupernodalLdlt's analysis (analyseSupernodes) of the postordered pattern colPtr (n+1) / rowIdx with
  ;; its elimination tree (parent, counts): fundamental then relaxed supernodes, their row structures,
  ;; dense storage, assembly and extend-add maps, and the update stack's size. Outputs, all int32 but
  ;; valPtr and sizes (f64): first, rowPtr, childPtr, relPtr, assemblyPtr (S+1 of n+1); rows, relIndex
  ;; (the caller sizes them: n + Σ counts, Σ counts); assemblySlot, assemblyOffset (nnz); childList (n).
  ;; Scratch: children, fundamental (n+1), superOf, lastOf, fill, flag, position, superParent (n),
  ;; slotColumn (nnz). scalars (f64): S, nnzL, flops, maxFront, maxStack. Returns 0, 1 if the pattern is
  ;; not in postorder, 2 if the factor is too large.
  (func
    (export "supernodes")
    (param $n i32)
    (param $colPtr i32)
    (param $rowIdx i32)
    (param $parent i32)
    (param $counts i32)
    (param $first i32)
    (param $rowPtr i32)
    (param $rows i32)
    (param $valPtr i32)
    (param $assemblyPtr i32)
    (param $assemblySlot i32)
    (param $assemblyOffset i32)
    (param $relPtr i32)
    (param $relIndex i32)
    (param $childPtr i32)
    (param $childList i32)
    (param $children i32)
    (param $fundamental i32)
    (param $superOf i32)
    (param $lastOf i32)
    (param $fill i32)
    (param $flag i32)
    (param $position i32)
    (param $superParent i32)
    (param $slotColumn i32)
    (param $sizes i32)
    (param $scalars i32)
    (result i32)
    (local $j i32)
    (local $pj i32)
    (local $F i32)
    (local $q i32)
    (local $f i32)
    (local $next i32)
    (local $last i32)
    (local $width i32)
    (local $rowsCount i32)
    (local $groupFirst i32)
    (local $S i32)
    (local $parentWidth i32)
    (local $parentRows i32)
    (local $newWidth i32)
    (local $newRows i32)
    (local $merge i32)
    (local $groupZeros f64)
    (local $zeros f64)
    (local $ratio f64)
    (local $s i32)
    (local $r i32)
    (local $k i32)
    (local $p i32)
    (local $end i32)
    (local $i i32)
    (local $w i32)
    (local $m i32)
    (local $c i32)
    (local $nnzL f64)
    (local $flops f64)
    (local $maxFront i32)
    (local $t i32)
    (local $ps i32)
    (local $pm i32)
    (local $u i32)
    (local $top i32)
    (local $stackSize f64)
    (local $maxStack f64)
    (local $size f64)
    (local $vp f64)
    (local $x f64)
    ;; Postorder check and child counts.
    (memory.fill (local.get $children) (i32.const 0) (i32.shl (local.get $n) (i32.const 2)))
    (local.set $j (i32.const 0))
    (block $done
      (loop $columns
        (br_if $done (i32.ge_s (local.get $j) (local.get $n)))
        (local.set $pj (i32.load (i32.add (local.get $parent) (i32.shl (local.get $j) (i32.const 2)))))
        (if
          (i32.ne (local.get $pj) (i32.const -1))
          (then
            (if (i32.le_s (local.get $pj) (local.get $j)) (then (return (i32.const 1))))
            (i32.store
              (i32.add (local.get $children) (i32.shl (local.get $pj) (i32.const 2)))
              (i32.add
                (i32.load (i32.add (local.get $children) (i32.shl (local.get $pj) (i32.const 2))))
                (i32.const 1)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $columns)))
    ;; Fundamental supernodes: j+1 continues j's when it is j's parent, j its only child and their
    ;; columns have the same structure below.
    (i32.store (i32.add (local.get $fundamental) (i32.shl (i32.const 0) (i32.const 2))) (i32.const 0))
    (local.set $F (i32.const 1))
    (local.set $j (i32.const 1))
    (block $done
      (loop $columns
        (br_if $done (i32.ge_s (local.get $j) (local.get $n)))
        (if
          (i32.eqz
            (i32.and
              (i32.and
                (i32.eq
                  (i32.load
                    (i32.add
                      (local.get $parent)
                      (i32.shl (i32.sub (local.get $j) (i32.const 1)) (i32.const 2))))
                  (local.get $j))
                (i32.eq
                  (i32.load (i32.add (local.get $children) (i32.shl (local.get $j) (i32.const 2))))
                  (i32.const 1)))
              (i32.eq
                (i32.load
                  (i32.add (local.get $counts) (i32.shl (i32.sub (local.get $j) (i32.const 1)) (i32.const 2))))
                (i32.add
                  (i32.load (i32.add (local.get $counts) (i32.shl (local.get $j) (i32.const 2))))
                  (i32.const 1)))))
          (then
            (i32.store
              (i32.add (local.get $fundamental) (i32.shl (local.get $F) (i32.const 2)))
              (local.get $j))
            (local.set $F (i32.add (local.get $F) (i32.const 1)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $columns)))
    (i32.store (i32.add (local.get $fundamental) (i32.shl (local.get $F) (i32.const 2))) (local.get $n))
    ;; Relaxed supernodes (F fundamental ones in fundamental[0..F]).
    (local.set $S (i32.const 0))
    (local.set $groupFirst (i32.const 0))
    (local.set $groupZeros (f64.const 0))
    (local.set $q (i32.const 0))
    (block $done
      (loop $groups
        (br_if $done (i32.ge_s (local.get $q) (local.get $F)))
        (local.set $f (i32.load (i32.add (local.get $fundamental) (i32.shl (local.get $q) (i32.const 2)))))
        (local.set $next
          (i32.load
            (i32.add (local.get $fundamental) (i32.shl (i32.add (local.get $q) (i32.const 1)) (i32.const 2)))))
        (local.set $last (i32.sub (local.get $next) (i32.const 1)))
        (local.set $width (i32.sub (local.get $next) (local.get $groupFirst)))
        (local.set $rowsCount
          (i32.add
            (local.get $width)
            (i32.load (i32.add (local.get $counts) (i32.shl (local.get $last) (i32.const 2))))))
        (if (i32.eq (local.get $f) (local.get $groupFirst)) (then (local.set $groupZeros (f64.const 0))))
        (local.set $merge (i32.const 0))
        (if
          (i32.and
            (i32.lt_s (local.get $next) (local.get $n))
            (i32.eq
              (i32.load (i32.add (local.get $parent) (i32.shl (local.get $last) (i32.const 2))))
              (local.get $next)))
          (then
            (local.set $parentWidth
              (i32.sub
                (i32.load
                  (i32.add
                    (local.get $fundamental)
                    (i32.shl (i32.add (local.get $q) (i32.const 2)) (i32.const 2))))
                (local.get $next)))
            (local.set $parentRows
              (i32.add
                (local.get $parentWidth)
                (i32.load
                  (i32.add
                    (local.get $counts)
                    (i32.shl
                      (i32.sub
                        (i32.load
                          (i32.add
                            (local.get $fundamental)
                            (i32.shl (i32.add (local.get $q) (i32.const 2)) (i32.const 2))))
                        (i32.const 1))
                      (i32.const 2))))))
            (local.set $newWidth (i32.add (local.get $width) (local.get $parentWidth)))
            (local.set $newRows (i32.add (local.get $width) (local.get $parentRows)))
            (local.set $zeros
              (f64.add
                (local.get $groupZeros)
                (f64.mul
                  (f64.convert_i32_s (local.get $width))
                  (f64.convert_i32_s (i32.sub (local.get $newRows) (local.get $rowsCount))))))
            (local.set $ratio
              (f64.div
                (local.get $zeros)
                (f64.mul (f64.convert_i32_s (local.get $newWidth)) (f64.convert_i32_s (local.get $newRows)))))
            (local.set $merge
              (i32.or
                (i32.or
                  (i32.le_s (local.get $newWidth) (i32.const 4))
                  (i32.and
                    (i32.le_s (local.get $newWidth) (i32.const 16))
                    (f64.lt (local.get $ratio) (f64.const 0.8))))
                (i32.or
                  (i32.and
                    (i32.le_s (local.get $newWidth) (i32.const 48))
                    (f64.lt (local.get $ratio) (f64.const 0.1)))
                  (f64.lt (local.get $ratio) (f64.const 0.05)))))
            (if (local.get $merge) (then (local.set $groupZeros (local.get $zeros))))))
        (if
          (i32.eqz (local.get $merge))
          (then
            (i32.store
              (i32.add (local.get $first) (i32.shl (local.get $S) (i32.const 2)))
              (local.get $groupFirst))
            (local.set $S (i32.add (local.get $S) (i32.const 1)))
            (local.set $groupFirst (local.get $next))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $groups)))
    (i32.store (i32.add (local.get $first) (i32.shl (local.get $S) (i32.const 2))) (local.get $n))
    (local.set $s (i32.const 0))
    (block $done
      (loop $supernodes
        (br_if $done (i32.ge_s (local.get $s) (local.get $S)))
        (local.set $j (i32.load (i32.add (local.get $first) (i32.shl (local.get $s) (i32.const 2)))))
        (local.set $end
          (i32.load
            (i32.add (local.get $first) (i32.shl (i32.add (local.get $s) (i32.const 1)) (i32.const 2)))))
        (block $owned
          (loop $columns
            (br_if $owned (i32.ge_s (local.get $j) (local.get $end)))
            (i32.store (i32.add (local.get $superOf) (i32.shl (local.get $j) (i32.const 2))) (local.get $s))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $columns)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $supernodes)))
    ;; Row structures: the supernode's columns, then the rows below its last column (row reach).
    (i32.store (i32.add (local.get $rowPtr) (i32.shl (i32.const 0) (i32.const 2))) (i32.const 0))
    (local.set $s (i32.const 0))
    (block $done
      (loop $supernodes
        (br_if $done (i32.ge_s (local.get $s) (local.get $S)))
        (i32.store
          (i32.add (local.get $lastOf) (i32.shl (local.get $s) (i32.const 2)))
          (i32.sub
            (i32.load
              (i32.add (local.get $first) (i32.shl (i32.add (local.get $s) (i32.const 1)) (i32.const 2))))
            (i32.const 1)))
        (i32.store
          (i32.add (local.get $rowPtr) (i32.shl (i32.add (local.get $s) (i32.const 1)) (i32.const 2)))
          (i32.add
            (i32.add
              (i32.load (i32.add (local.get $rowPtr) (i32.shl (local.get $s) (i32.const 2))))
              (i32.sub
                (i32.load
                  (i32.add (local.get $first) (i32.shl (i32.add (local.get $s) (i32.const 1)) (i32.const 2))))
                (i32.load (i32.add (local.get $first) (i32.shl (local.get $s) (i32.const 2))))))
            (i32.load
              (i32.add
                (local.get $counts)
                (i32.shl
                  (i32.load (i32.add (local.get $lastOf) (i32.shl (local.get $s) (i32.const 2))))
                  (i32.const 2))))))
        (local.set $r (i32.load (i32.add (local.get $rowPtr) (i32.shl (local.get $s) (i32.const 2)))))
        (local.set $j (i32.load (i32.add (local.get $first) (i32.shl (local.get $s) (i32.const 2)))))
        (local.set $end
          (i32.load
            (i32.add (local.get $first) (i32.shl (i32.add (local.get $s) (i32.const 1)) (i32.const 2)))))
        (block $own
          (loop $columns
            (br_if $own (i32.ge_s (local.get $j) (local.get $end)))
            (i32.store (i32.add (local.get $rows) (i32.shl (local.get $r) (i32.const 2))) (local.get $j))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $columns)))
        (i32.store (i32.add (local.get $fill) (i32.shl (local.get $s) (i32.const 2))) (local.get $r))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $supernodes)))
    (memory.fill (local.get $flag) (i32.const 255) (i32.shl (local.get $n) (i32.const 2)))
    (local.set $k (i32.const 0))
    (block $done
      (loop $columns
        (br_if $done (i32.ge_s (local.get $k) (local.get $n)))
        (i32.store (i32.add (local.get $flag) (i32.shl (local.get $k) (i32.const 2))) (local.get $k))
        (local.set $p (i32.load (i32.add (local.get $colPtr) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $end
          (i32.load
            (i32.add (local.get $colPtr) (i32.shl (i32.add (local.get $k) (i32.const 1)) (i32.const 2)))))
        (block $entriesDone
          (loop $entries
            (br_if $entriesDone (i32.ge_s (local.get $p) (local.get $end)))
            (local.set $i (i32.load (i32.add (local.get $rowIdx) (i32.shl (local.get $p) (i32.const 2)))))
            (block $reached
              (loop $walk
                (br_if $reached (i32.ge_s (local.get $i) (local.get $k)))
                (br_if $reached
                  (i32.eq
                    (i32.load (i32.add (local.get $flag) (i32.shl (local.get $i) (i32.const 2))))
                    (local.get $k)))
                (i32.store (i32.add (local.get $flag) (i32.shl (local.get $i) (i32.const 2))) (local.get $k))
                (local.set $s
                  (i32.load (i32.add (local.get $superOf) (i32.shl (local.get $i) (i32.const 2)))))
                (if
                  (i32.eq
                    (i32.load (i32.add (local.get $lastOf) (i32.shl (local.get $s) (i32.const 2))))
                    (local.get $i))
                  (then
                    (i32.store
                      (i32.add
                        (local.get $rows)
                        (i32.shl
                          (i32.load (i32.add (local.get $fill) (i32.shl (local.get $s) (i32.const 2))))
                          (i32.const 2)))
                      (local.get $k))
                    (i32.store
                      (i32.add (local.get $fill) (i32.shl (local.get $s) (i32.const 2)))
                      (i32.add
                        (i32.load (i32.add (local.get $fill) (i32.shl (local.get $s) (i32.const 2))))
                        (i32.const 1)))))
                (local.set $i (i32.load (i32.add (local.get $parent) (i32.shl (local.get $i) (i32.const 2)))))
                (br $walk)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $entries)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $columns)))
    ;; Dense storage and cost figures.
    (f64.store (local.get $valPtr) (f64.const 0))
    (local.set $vp (f64.const 0))
    (local.set $nnzL (f64.const 0))
    (local.set $flops (f64.const 0))
    (local.set $maxFront (i32.const 0))
    (local.set $s (i32.const 0))
    (block $done
      (loop $supernodes
        (br_if $done (i32.ge_s (local.get $s) (local.get $S)))
        (local.set $w
          (i32.sub
            (i32.load
              (i32.add (local.get $first) (i32.shl (i32.add (local.get $s) (i32.const 1)) (i32.const 2))))
            (i32.load (i32.add (local.get $first) (i32.shl (local.get $s) (i32.const 2))))))
        (local.set $m
          (i32.sub
            (i32.load
              (i32.add (local.get $rowPtr) (i32.shl (i32.add (local.get $s) (i32.const 1)) (i32.const 2))))
            (i32.load (i32.add (local.get $rowPtr) (i32.shl (local.get $s) (i32.const 2))))))
        (local.set $x (f64.mul (f64.convert_i32_s (local.get $m)) (f64.convert_i32_s (local.get $w))))
        (local.set $vp (f64.add (local.get $vp) (local.get $x)))
        (f64.store
          (i32.add (local.get $valPtr) (i32.shl (i32.add (local.get $s) (i32.const 1)) (i32.const 3)))
          (local.get $vp))
        (local.set $nnzL
          (f64.add
            (local.get $nnzL)
            (f64.sub
              (local.get $x)
              (f64.div
                (f64.mul
                  (f64.convert_i32_s (local.get $w))
                  (f64.convert_i32_s (i32.add (local.get $w) (i32.const 1))))
                (f64.const 2)))))
        (local.set $c (i32.const 0))
        (block $counted
          (loop $pivots
            (br_if $counted (i32.ge_s (local.get $c) (local.get $w)))
            (local.set $x (f64.convert_i32_s (i32.sub (i32.sub (local.get $m) (i32.const 1)) (local.get $c))))
            (local.set $flops (f64.add (local.get $flops) (f64.mul (local.get $x) (local.get $x))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $pivots)))
        (if (i32.gt_s (local.get $m) (local.get $maxFront)) (then (local.set $maxFront (local.get $m))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $supernodes)))
    (if (f64.gt (local.get $vp) (f64.const 2147483648)) (then (return (i32.const 2))))
    ;; Assembly: where each entry of A lands in its supernode's front.
    (memory.fill
      (local.get $assemblyPtr)
      (i32.const 0)
      (i32.shl (i32.add (local.get $S) (i32.const 1)) (i32.const 2)))
    (local.set $j (i32.const 0))
    (block $done
      (loop $columns
        (br_if $done (i32.ge_s (local.get $j) (local.get $n)))
        (local.set $p (i32.load (i32.add (local.get $colPtr) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $end
          (i32.load
            (i32.add (local.get $colPtr) (i32.shl (i32.add (local.get $j) (i32.const 1)) (i32.const 2)))))
        (block $counted
          (loop $entries
            (br_if $counted (i32.ge_s (local.get $p) (local.get $end)))
            (local.set $s
              (i32.add
                (i32.load
                  (i32.add
                    (local.get $superOf)
                    (i32.shl
                      (i32.load (i32.add (local.get $rowIdx) (i32.shl (local.get $p) (i32.const 2))))
                      (i32.const 2))))
                (i32.const 1)))
            (i32.store
              (i32.add (local.get $assemblyPtr) (i32.shl (local.get $s) (i32.const 2)))
              (i32.add
                (i32.load (i32.add (local.get $assemblyPtr) (i32.shl (local.get $s) (i32.const 2))))
                (i32.const 1)))
            (i32.store
              (i32.add (local.get $slotColumn) (i32.shl (local.get $p) (i32.const 2)))
              (local.get $j))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $entries)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $columns)))
    (local.set $s (i32.const 0))
    (block $done
      (loop $prefix
        (br_if $done (i32.ge_s (local.get $s) (local.get $S)))
        (i32.store
          (i32.add (local.get $assemblyPtr) (i32.shl (i32.add (local.get $s) (i32.const 1)) (i32.const 2)))
          (i32.add
            (i32.load
              (i32.add
                (local.get $assemblyPtr)
                (i32.shl (i32.add (local.get $s) (i32.const 1)) (i32.const 2))))
            (i32.load (i32.add (local.get $assemblyPtr) (i32.shl (local.get $s) (i32.const 2))))))
        (i32.store
          (i32.add (local.get $fill) (i32.shl (local.get $s) (i32.const 2)))
          (i32.load (i32.add (local.get $assemblyPtr) (i32.shl (local.get $s) (i32.const 2)))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $prefix)))
    (local.set $j (i32.const 0))
    (block $done
      (loop $columns
        (br_if $done (i32.ge_s (local.get $j) (local.get $n)))
        (local.set $p (i32.load (i32.add (local.get $colPtr) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $end
          (i32.load
            (i32.add (local.get $colPtr) (i32.shl (i32.add (local.get $j) (i32.const 1)) (i32.const 2)))))
        (block $placed
          (loop $entries
            (br_if $placed (i32.ge_s (local.get $p) (local.get $end)))
            (local.set $s
              (i32.load
                (i32.add
                  (local.get $superOf)
                  (i32.shl
                    (i32.load (i32.add (local.get $rowIdx) (i32.shl (local.get $p) (i32.const 2))))
                    (i32.const 2)))))
            (i32.store
              (i32.add
                (local.get $assemblySlot)
                (i32.shl
                  (i32.load (i32.add (local.get $fill) (i32.shl (local.get $s) (i32.const 2))))
                  (i32.const 2)))
              (local.get $p))
            (i32.store
              (i32.add (local.get $fill) (i32.shl (local.get $s) (i32.const 2)))
              (i32.add
                (i32.load (i32.add (local.get $fill) (i32.shl (local.get $s) (i32.const 2))))
                (i32.const 1)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $entries)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $columns)))
    (local.set $s (i32.const 0))
    (block $done
      (loop $supernodes
        (br_if $done (i32.ge_s (local.get $s) (local.get $S)))
        (local.set $m
          (i32.sub
            (i32.load
              (i32.add (local.get $rowPtr) (i32.shl (i32.add (local.get $s) (i32.const 1)) (i32.const 2))))
            (i32.load (i32.add (local.get $rowPtr) (i32.shl (local.get $s) (i32.const 2))))))
        (local.set $t (i32.const 0))
        (block $positioned
          (loop $rowsOf
            (br_if $positioned (i32.ge_s (local.get $t) (local.get $m)))
            (i32.store
              (i32.add
                (local.get $position)
                (i32.shl
                  (i32.load
                    (i32.add
                      (local.get $rows)
                      (i32.shl
                        (i32.add
                          (i32.load (i32.add (local.get $rowPtr) (i32.shl (local.get $s) (i32.const 2))))
                          (local.get $t))
                        (i32.const 2))))
                  (i32.const 2)))
              (local.get $t))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $rowsOf)))
        (local.set $q (i32.load (i32.add (local.get $assemblyPtr) (i32.shl (local.get $s) (i32.const 2)))))
        (local.set $end
          (i32.load
            (i32.add (local.get $assemblyPtr) (i32.shl (i32.add (local.get $s) (i32.const 1)) (i32.const 2)))))
        (block $offsets
          (loop $slots
            (br_if $offsets (i32.ge_s (local.get $q) (local.get $end)))
            (local.set $p
              (i32.load (i32.add (local.get $assemblySlot) (i32.shl (local.get $q) (i32.const 2)))))
            (i32.store
              (i32.add (local.get $assemblyOffset) (i32.shl (local.get $q) (i32.const 2)))
              (i32.add
                (i32.mul
                  (i32.sub
                    (i32.load (i32.add (local.get $rowIdx) (i32.shl (local.get $p) (i32.const 2))))
                    (i32.load (i32.add (local.get $first) (i32.shl (local.get $s) (i32.const 2)))))
                  (local.get $m))
                (i32.load
                  (i32.add
                    (local.get $position)
                    (i32.shl
                      (i32.load (i32.add (local.get $slotColumn) (i32.shl (local.get $p) (i32.const 2))))
                      (i32.const 2))))))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $slots)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $supernodes)))
    ;; Extend-add maps: children lists, and where each child's rows below sit in its parent's rows.
    (memory.fill
      (local.get $childPtr)
      (i32.const 0)
      (i32.shl (i32.add (local.get $S) (i32.const 1)) (i32.const 2)))
    (local.set $s (i32.const 0))
    (block $done
      (loop $supernodes
        (br_if $done (i32.ge_s (local.get $s) (local.get $S)))
        (i32.store (i32.add (local.get $superParent) (i32.shl (local.get $s) (i32.const 2))) (i32.const -1))
        (local.set $last
          (i32.sub
            (i32.load
              (i32.add (local.get $first) (i32.shl (i32.add (local.get $s) (i32.const 1)) (i32.const 2))))
            (i32.const 1)))
        (if
          (i32.ne
            (i32.load (i32.add (local.get $parent) (i32.shl (local.get $last) (i32.const 2))))
            (i32.const -1))
          (then
            (local.set $ps
              (i32.load
                (i32.add
                  (local.get $superOf)
                  (i32.shl
                    (i32.load (i32.add (local.get $parent) (i32.shl (local.get $last) (i32.const 2))))
                    (i32.const 2)))))
            (i32.store
              (i32.add (local.get $superParent) (i32.shl (local.get $s) (i32.const 2)))
              (local.get $ps))
            (i32.store
              (i32.add (local.get $childPtr) (i32.shl (i32.add (local.get $ps) (i32.const 1)) (i32.const 2)))
              (i32.add
                (i32.load
                  (i32.add
                    (local.get $childPtr)
                    (i32.shl (i32.add (local.get $ps) (i32.const 1)) (i32.const 2))))
                (i32.const 1)))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $supernodes)))
    (local.set $s (i32.const 0))
    (block $done
      (loop $prefix
        (br_if $done (i32.ge_s (local.get $s) (local.get $S)))
        (i32.store
          (i32.add (local.get $childPtr) (i32.shl (i32.add (local.get $s) (i32.const 1)) (i32.const 2)))
          (i32.add
            (i32.load
              (i32.add (local.get $childPtr) (i32.shl (i32.add (local.get $s) (i32.const 1)) (i32.const 2))))
            (i32.load (i32.add (local.get $childPtr) (i32.shl (local.get $s) (i32.const 2))))))
        (i32.store
          (i32.add (local.get $fill) (i32.shl (local.get $s) (i32.const 2)))
          (i32.load (i32.add (local.get $childPtr) (i32.shl (local.get $s) (i32.const 2)))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $prefix)))
    (local.set $s (i32.const 0))
    (block $done
      (loop $supernodes
        (br_if $done (i32.ge_s (local.get $s) (local.get $S)))
        (local.set $ps (i32.load (i32.add (local.get $superParent) (i32.shl (local.get $s) (i32.const 2)))))
        (if
          (i32.ge_s (local.get $ps) (i32.const 0))
          (then
            (i32.store
              (i32.add
                (local.get $childList)
                (i32.shl
                  (i32.load (i32.add (local.get $fill) (i32.shl (local.get $ps) (i32.const 2))))
                  (i32.const 2)))
              (local.get $s))
            (i32.store
              (i32.add (local.get $fill) (i32.shl (local.get $ps) (i32.const 2)))
              (i32.add
                (i32.load (i32.add (local.get $fill) (i32.shl (local.get $ps) (i32.const 2))))
                (i32.const 1)))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $supernodes)))
    (i32.store (i32.add (local.get $relPtr) (i32.shl (i32.const 0) (i32.const 2))) (i32.const 0))
    (local.set $s (i32.const 0))
    (block $done
      (loop $supernodes
        (br_if $done (i32.ge_s (local.get $s) (local.get $S)))
        (i32.store
          (i32.add (local.get $relPtr) (i32.shl (i32.add (local.get $s) (i32.const 1)) (i32.const 2)))
          (i32.sub
            (i32.add
              (i32.load (i32.add (local.get $relPtr) (i32.shl (local.get $s) (i32.const 2))))
              (i32.sub
                (i32.load
                  (i32.add (local.get $rowPtr) (i32.shl (i32.add (local.get $s) (i32.const 1)) (i32.const 2))))
                (i32.load (i32.add (local.get $rowPtr) (i32.shl (local.get $s) (i32.const 2))))))
            (i32.sub
              (i32.load
                (i32.add (local.get $first) (i32.shl (i32.add (local.get $s) (i32.const 1)) (i32.const 2))))
              (i32.load (i32.add (local.get $first) (i32.shl (local.get $s) (i32.const 2)))))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $supernodes)))
    (local.set $s (i32.const 0))
    (block $done
      (loop $supernodes
        (br_if $done (i32.ge_s (local.get $s) (local.get $S)))
        (local.set $ps (i32.load (i32.add (local.get $superParent) (i32.shl (local.get $s) (i32.const 2)))))
        (if
          (i32.ge_s (local.get $ps) (i32.const 0))
          (then
            (local.set $pm
              (i32.sub
                (i32.load
                  (i32.add
                    (local.get $rowPtr)
                    (i32.shl (i32.add (local.get $ps) (i32.const 1)) (i32.const 2))))
                (i32.load (i32.add (local.get $rowPtr) (i32.shl (local.get $ps) (i32.const 2))))))
            (local.set $t (i32.const 0))
            (block $positioned
              (loop $rowsOf
                (br_if $positioned (i32.ge_s (local.get $t) (local.get $pm)))
                (i32.store
                  (i32.add
                    (local.get $position)
                    (i32.shl
                      (i32.load
                        (i32.add
                          (local.get $rows)
                          (i32.shl
                            (i32.add
                              (i32.load (i32.add (local.get $rowPtr) (i32.shl (local.get $ps) (i32.const 2))))
                              (local.get $t))
                            (i32.const 2))))
                      (i32.const 2)))
                  (local.get $t))
                (local.set $t (i32.add (local.get $t) (i32.const 1)))
                (br $rowsOf)))
            (local.set $w
              (i32.sub
                (i32.load
                  (i32.add (local.get $first) (i32.shl (i32.add (local.get $s) (i32.const 1)) (i32.const 2))))
                (i32.load (i32.add (local.get $first) (i32.shl (local.get $s) (i32.const 2))))))
            (local.set $end
              (i32.sub
                (i32.load
                  (i32.add (local.get $relPtr) (i32.shl (i32.add (local.get $s) (i32.const 1)) (i32.const 2))))
                (i32.load (i32.add (local.get $relPtr) (i32.shl (local.get $s) (i32.const 2))))))
            (local.set $t (i32.const 0))
            (block $mapped
              (loop $below
                (br_if $mapped (i32.ge_s (local.get $t) (local.get $end)))
                (i32.store
                  (i32.add
                    (local.get $relIndex)
                    (i32.shl
                      (i32.add
                        (i32.load (i32.add (local.get $relPtr) (i32.shl (local.get $s) (i32.const 2))))
                        (local.get $t))
                      (i32.const 2)))
                  (i32.load
                    (i32.add
                      (local.get $position)
                      (i32.shl
                        (i32.load
                          (i32.add
                            (local.get $rows)
                            (i32.shl
                              (i32.add
                                (i32.add
                                  (i32.load
                                    (i32.add (local.get $rowPtr) (i32.shl (local.get $s) (i32.const 2))))
                                  (local.get $w))
                                (local.get $t))
                              (i32.const 2))))
                        (i32.const 2)))))
                (local.set $t (i32.add (local.get $t) (i32.const 1)))
                (br $below)))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $supernodes)))
    ;; The update-matrix stack: children's updates are popped when their parent is assembled.
    (local.set $stackSize (f64.const 0))
    (local.set $maxStack (f64.const 0))
    (local.set $top (i32.const 0))
    (local.set $s (i32.const 0))
    (block $done
      (loop $supernodes
        (br_if $done (i32.ge_s (local.get $s) (local.get $S)))
        (local.set $c (i32.load (i32.add (local.get $childPtr) (i32.shl (local.get $s) (i32.const 2)))))
        (local.set $end
          (i32.load
            (i32.add (local.get $childPtr) (i32.shl (i32.add (local.get $s) (i32.const 1)) (i32.const 2)))))
        (block $popped
          (loop $pop
            (br_if $popped (i32.ge_s (local.get $c) (local.get $end)))
            (local.set $top (i32.sub (local.get $top) (i32.const 1)))
            (local.set $stackSize
              (f64.sub
                (local.get $stackSize)
                (f64.load (i32.add (local.get $sizes) (i32.shl (local.get $top) (i32.const 3))))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $pop)))
        (local.set $u
          (i32.sub
            (i32.load
              (i32.add (local.get $relPtr) (i32.shl (i32.add (local.get $s) (i32.const 1)) (i32.const 2))))
            (i32.load (i32.add (local.get $relPtr) (i32.shl (local.get $s) (i32.const 2))))))
        (if
          (i32.ne (local.get $u) (i32.const 0))
          (then
            (local.set $size (f64.mul (f64.convert_i32_s (local.get $u)) (f64.convert_i32_s (local.get $u))))
            (f64.store
              (i32.add (local.get $sizes) (i32.shl (local.get $top) (i32.const 3)))
              (local.get $size))
            (local.set $top (i32.add (local.get $top) (i32.const 1)))
            (local.set $stackSize (f64.add (local.get $stackSize) (local.get $size)))
            (if
              (f64.gt (local.get $stackSize) (local.get $maxStack))
              (then (local.set $maxStack (local.get $stackSize))))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $supernodes)))
    (f64.store (local.get $scalars) (f64.convert_i32_s (local.get $S)))
    (f64.store offset=8 (local.get $scalars) (local.get $nnzL))
    (f64.store offset=16 (local.get $scalars) (local.get $flops))
    (f64.store offset=24 (local.get $scalars) (f64.convert_i32_s (local.get $maxFront)))
    (f64.store offset=32 (local.get $scalars) (local.get $maxStack))
    (i32.const 0)))

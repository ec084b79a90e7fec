import protobuf from 'protobufjs/minimal.js';

/**
 * Writes a tiny ONNX model as bytes: `y = (a + b) * a` on float32 vectors of any length
 * (inputs `a`, `b`: #n; output `y`: #n). Used to check that an execution provider really works
 * before choosing it, and by tests. Written with protobufjs's wire-format writer because onnxruntime
 * ships no model builder; the field numbers are those of onnx.proto (ModelProto, GraphProto…).
 */
export function tinyAddMulModel(): Uint8Array {
  const FLOAT = 1;
  const vector = (name: string): Uint8Array =>
    message((w) => {
      w.uint32(field(1, 2)).string(name); // ValueInfoProto.name
      w.uint32(field(2, 2)).bytes(
        // TypeProto.tensor_type { elem_type, shape { dim { dim_param: 'n' } } }
        message((t) =>
          t.uint32(field(1, 2)).bytes(
            message((tt) => {
              tt.uint32(field(1, 0)).int32(FLOAT);
              tt.uint32(field(2, 2)).bytes(
                message((s) =>
                  s.uint32(field(1, 2)).bytes(message((d) => d.uint32(field(2, 2)).string('n'))),
                ),
              );
            }),
          ),
        ),
      );
    });
  const node = (inputs: string[], output: string, op: string): Uint8Array =>
    message((w) => {
      for (const input of inputs) w.uint32(field(1, 2)).string(input); // NodeProto.input
      w.uint32(field(2, 2)).string(output);
      w.uint32(field(3, 2)).string(`${op}_${output}`);
      w.uint32(field(4, 2)).string(op);
    });
  const graph = message((w) => {
    w.uint32(field(1, 2)).bytes(node(['a', 'b'], 'sum', 'Add'));
    w.uint32(field(1, 2)).bytes(node(['sum', 'a'], 'y', 'Mul'));
    w.uint32(field(2, 2)).string('add_mul');
    w.uint32(field(11, 2)).bytes(vector('a'));
    w.uint32(field(11, 2)).bytes(vector('b'));
    w.uint32(field(12, 2)).bytes(vector('y'));
  });
  return message((w) => {
    w.uint32(field(1, 0)).int64(8); // ir_version
    w.uint32(field(2, 2)).string('homeomorph'); // producer_name
    w.uint32(field(7, 2)).bytes(graph);
    w.uint32(field(8, 2)).bytes(message((o) => o.uint32(field(2, 0)).int64(13))); // opset_import { version: 13 }
  });
}

function field(number: number, wireType: 0 | 2): number {
  return (number << 3) | wireType;
}

function message(write: (writer: protobuf.Writer) => void): Uint8Array {
  const writer = protobuf.Writer.create();
  write(writer);
  return writer.finish();
}

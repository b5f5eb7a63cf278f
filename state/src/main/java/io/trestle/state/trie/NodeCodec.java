package io.trestle.state.trie;

import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.rlp.RlpException;
import io.trestle.core.rlp.RlpItem;
import java.util.Arrays;
import java.util.List;

/** Ethereum's node encoding: hex-prefix paths, RLP lists, children under 32 bytes inlined, larger ones by hash. */
final class NodeCodec {
  private static final byte[] EMPTY_STRING = {(byte) 0x80};

  private NodeCodec() {}

  static byte[] toNibbles(byte[] key) {
    byte[] nibbles = new byte[key.length * 2];
    for (int i = 0; i < key.length; i++) {
      nibbles[2 * i] = (byte) ((key[i] >> 4) & 0xf);
      nibbles[2 * i + 1] = (byte) (key[i] & 0xf);
    }
    return nibbles;
  }

  /** Packs an even number of nibbles back into bytes. */
  static byte[] fromNibbles(byte[] nibbles, int length) {
    byte[] out = new byte[length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((nibbles[2 * i] << 4) | nibbles[2 * i + 1]);
    }
    return out;
  }

  /** Hex-prefix encoding: a flag nibble (leaf or not, odd or even length), a pad nibble if even, the nibbles. */
  static byte[] hexPrefix(byte[] nibbles, boolean leaf) {
    int flag = leaf ? 2 : 0;
    boolean odd = (nibbles.length & 1) == 1;
    byte[] out = new byte[nibbles.length / 2 + 1];
    int pos = 0;
    if (odd) {
      out[0] = (byte) (((flag + 1) << 4) | nibbles[0]);
      pos = 1;
    } else {
      out[0] = (byte) (flag << 4);
    }
    for (int i = 1; i < out.length; i++) {
      out[i] = (byte) ((nibbles[pos] << 4) | nibbles[pos + 1]);
      pos += 2;
    }
    return out;
  }

  static byte[] encode(Node node) {
    if (node.encoded != null) {
      return node.encoded;
    }
    byte[] encoded;
    if (node instanceof Node.Leaf leaf) {
      encoded = Rlp.encodeList(Rlp.encodeBytes(hexPrefix(leaf.path, true)), Rlp.encodeBytes(leaf.value));
    } else if (node instanceof Node.Extension ext) {
      encoded = Rlp.encodeList(Rlp.encodeBytes(hexPrefix(ext.path, false)), reference(ext.child));
    } else if (node instanceof Node.Branch branch) {
      byte[][] items = new byte[17][];
      for (int i = 0; i < 16; i++) {
        Node child = branch.children[i];
        items[i] = child == null ? EMPTY_STRING : reference(child);
      }
      items[16] = branch.value == null ? EMPTY_STRING : Rlp.encodeBytes(branch.value);
      encoded = Rlp.encodeList(items);
    } else {
      throw new IllegalStateException("an unresolved node " + node.hash + " has no encoding here");
    }
    node.encoded = encoded;
    return encoded;
  }

  static Hash hash(Node node) {
    if (node.hash == null) {
      node.hash = Hash.keccak(encode(node));
    }
    return node.hash;
  }

  /** Whether a parent refers to this node by hash (and so the node is stored on its own) rather than inlining it. */
  static boolean isReferencedByHash(Node node) {
    return node instanceof Node.HashRef || encode(node).length >= Hash.LENGTH;
  }

  /** How a parent embeds a child: the child's own encoding when shorter than 32 bytes, else the RLP of its hash. */
  static byte[] reference(Node child) {
    if (isReferencedByHash(child)) {
      return Rlp.encodeBytes(hash(child).unsafeArray());
    }
    return encode(child);
  }

  /**
   * Decodes a node; children given by hash become {@link Node.HashRef}s, inlined children are decoded in place.
   * The result is marked persisted, with its encoding cached.
   */
  static Node decode(byte[] encoded) throws RlpException {
    return decodeItem(Rlp.decode(encoded), encoded);
  }

  private static Node decodeItem(RlpItem item, byte[] encoded) throws RlpException {
    List<RlpItem> items = item.items();
    Node node;
    if (items.size() == 2) {
      byte[] hp = items.get(0).bytes();
      if (hp.length == 0) {
        throw new RlpException("trie node path is empty");
      }
      int flag = (hp[0] >> 4) & 0xf;
      if (flag > 3 || ((flag & 1) == 0 && (hp[0] & 0xf) != 0)) {
        throw new RlpException("trie node path has an invalid hex-prefix byte 0x" + Integer.toHexString(hp[0] & 0xff));
      }
      byte[] path = pathOf(hp, (flag & 1) == 1);
      if (flag >= 2) {
        byte[] value = items.get(1).bytes();
        if (value.length == 0) {
          throw new RlpException("leaf node has an empty value");
        }
        node = new Node.Leaf(path, value);
      } else {
        if (path.length == 0) {
          throw new RlpException("extension node has an empty path");
        }
        Node child = decodeChild(items.get(1));
        if (child == null) {
          throw new RlpException("extension node has no child");
        }
        node = new Node.Extension(path, child);
      }
    } else if (items.size() == 17) {
      Node[] children = new Node[16];
      for (int i = 0; i < 16; i++) {
        children[i] = decodeChild(items.get(i));
      }
      byte[] value = items.get(16).bytes();
      node = new Node.Branch(children, value.length == 0 ? null : value);
    } else {
      throw new RlpException("trie node must have 2 or 17 items, found " + items.size());
    }
    node.encoded = encoded;
    node.persisted = true;
    return node;
  }

  private static Node decodeChild(RlpItem item) throws RlpException {
    if (item.isList()) {
      byte[] inline = item.encoded();
      if (inline.length >= Hash.LENGTH) {
        throw new RlpException("inlined trie node of " + inline.length + " bytes must be referenced by hash");
      }
      return decodeItem(item, inline);
    }
    int length = item.stringLength();
    if (length == 0) {
      return null;
    }
    if (length != Hash.LENGTH) {
      throw new RlpException("trie child reference must be empty or 32 bytes, found " + length);
    }
    return new Node.HashRef(item.asHash());
  }

  private static byte[] pathOf(byte[] hp, boolean odd) {
    byte[] all = toNibbles(hp);
    return Arrays.copyOfRange(all, odd ? 1 : 2, all.length);
  }
}

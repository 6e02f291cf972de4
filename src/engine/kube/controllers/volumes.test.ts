import { describe, expect, it } from 'vitest';
import { testCluster } from './testkit';
import { PVCS, PVS, o } from './util';

const pvc = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'notebooks' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '3Gi' } } } };

describe('PersistentVolume binder and the minikube hostPath provisioner', () => {
  it('provisions pvc-<uid> under /tmp/hostpath-provisioner and binds both', () => {
    const c = testCluster();
    const created = c.api.create(PVCS, 'default', pvc);
    if (!created.ok) throw new Error(created.status.message);
    const uid = created.value.metadata.uid!;
    c.clock.settle();
    const claim = c.get(PVCS, 'default', 'notebooks');
    expect(o(claim.spec)).toMatchObject({ storageClassName: 'standard', volumeName: `pvc-${uid}` });
    expect(claim.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '3Gi' } });
    expect(claim.metadata.annotations).toEqual({
      'pv.kubernetes.io/bind-completed': 'yes',
      'pv.kubernetes.io/bound-by-controller': 'yes',
      'volume.beta.kubernetes.io/storage-provisioner': 'k8s.io/minikube-hostpath',
      'volume.kubernetes.io/storage-provisioner': 'k8s.io/minikube-hostpath',
    });
    expect(claim.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    const pv = c.get(PVS, '', `pvc-${uid}`);
    expect(o(pv.spec)).toMatchObject({ accessModes: ['ReadWriteOnce'], capacity: { storage: '3Gi' }, hostPath: { path: '/tmp/hostpath-provisioner/default/notebooks', type: '' }, persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'standard', claimRef: { name: 'notebooks', namespace: 'default', uid } });
    expect(o(pv.status).phase).toBe('Bound');
    expect(c.dirs).toEqual(['+/tmp/hostpath-provisioner/default/notebooks']);
    const ev = c.events('notebooks');
    expect(ev[0]).toBe(
      "ExternalProvisioning: Waiting for a volume to be created either by the external provisioner 'k8s.io/minikube-hostpath' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    );
    expect(ev.slice(1)).toEqual(['Provisioning: External provisioner is provisioning volume for claim "default/notebooks"', `ProvisioningSucceeded: Successfully provisioned volume pvc-${uid}`]);
  });

  it('deleting the claim releases and deletes the volume (reclaim Delete)', () => {
    const c = testCluster();
    c.api.create(PVCS, 'default', pvc);
    c.clock.settle();
    const name = String(o(c.get(PVCS, 'default', 'notebooks').spec).volumeName);
    c.api.delete(PVCS, 'default', 'notebooks', {});
    c.clock.settle();
    expect(c.api.get(PVCS, 'default', 'notebooks').ok).toBe(false);
    expect(c.api.get(PVS, '', name).ok).toBe(false);
    expect(c.dirs.at(-1)).toBe('-/tmp/hostpath-provisioner/default/notebooks');
  });

  it('a claim without a class stays Pending', () => {
    const c = testCluster();
    c.api.create(PVCS, 'default', { ...pvc, spec: { ...pvc.spec, storageClassName: '' } });
    c.clock.settle();
    expect(o(c.get(PVCS, 'default', 'notebooks').status).phase).toBe('Pending');
    expect(c.events('notebooks')).toEqual(['FailedBinding: no persistent volumes available for this claim and no storage class is set']);
  });
});
